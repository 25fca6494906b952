/** How a trigger type reads in a list: "HTTP request", "Schedule", … */
export function triggerLabel(type: string | null | undefined): string {
  switch ((type ?? '').toLowerCase()) {
    case 'request':
      return 'HTTP request';
    case 'recurrence':
      return 'Schedule';
    case 'manual':
      return 'Manual';
    case 'apiconnection':
    case 'apiconnectionwebhook':
    case 'openapiconnection':
    case 'openapiconnectionwebhook':
      return 'Connector trigger';
    case 'httpwebhook':
      return 'HTTP webhook';
    case 'http':
      return 'HTTP polling';
    case '':
      return 'No trigger';
    default:
      return type ?? 'No trigger';
  }
}
