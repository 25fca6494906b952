import type { LucideIcon } from 'lucide-react';
import { Box, Braces, CalendarClock, Globe, GitBranch, Hourglass, Mail, OctagonX, Play, Plug, Repeat, Repeat1, Reply, Split, SquareFunction, Variable, Webhook, Zap } from 'lucide-react';

/** A small picture per action or trigger type, so a graph can be read at a glance. */
export function actionIcon(type: string): LucideIcon {
  switch (type.toLowerCase()) {
    case 'request':
      return Webhook;
    case 'recurrence':
      return CalendarClock;
    case 'manual':
      return Play;
    case 'http':
    case 'httpwebhook':
      return Globe;
    case 'apiconnection':
    case 'apiconnectionwebhook':
    case 'openapiconnection':
    case 'openapiconnectionwebhook':
    case 'serviceprovider':
      return Plug;
    case 'response':
      return Reply;
    case 'compose':
    case 'parsejson':
    case 'query':
    case 'select':
    case 'table':
    case 'join':
      return Braces;
    case 'initializevariable':
    case 'setvariable':
    case 'incrementvariable':
    case 'decrementvariable':
    case 'appendtoarrayvariable':
    case 'appendtostringvariable':
      return Variable;
    case 'if':
      return Split;
    case 'switch':
      return GitBranch;
    case 'foreach':
      return Repeat;
    case 'until':
      return Repeat1;
    case 'scope':
      return Box;
    case 'terminate':
      return OctagonX;
    case 'wait':
      return Hourglass;
    case 'function':
    case 'javascriptcode':
      return SquareFunction;
    case 'sendemail':
    case 'email':
      return Mail;
    default:
      return Zap;
  }
}
