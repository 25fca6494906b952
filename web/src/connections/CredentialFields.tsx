import { useId } from 'react';
import type { ConnectorParameter } from '../api/types';

export interface CredentialValues {
  parameters: Record<string, string>;
  secrets: Record<string, string>;
}

/** Inputs for a connector's parameters: secret ones as password fields that never show a stored value. */
export function CredentialFields({ fields, values, onChange, secretsSet = [] }: { fields: ConnectorParameter[]; values: CredentialValues; onChange: (values: CredentialValues) => void; secretsSet?: string[] }) {
  const prefix = useId();
  return (
    <>
      {fields.map((field, index) => {
        const id = `${prefix}-${field.name}`;
        const bag = field.secret ? 'secrets' : 'parameters';
        const value = values[bag][field.name] ?? '';
        const hintId = field.description || (field.secret && secretsSet.includes(field.name)) ? `${id}-hint` : undefined;
        return (
          <div className="field" key={field.name}>
            <label htmlFor={id}>
              {field.label}
              {!field.required && <span className="muted"> (optional)</span>}
            </label>
            {field.options && !field.secret ? (
              <select
                id={id}
                className="select"
                required={field.required}
                autoFocus={index === 0}
                aria-describedby={hintId}
                value={value || (typeof field.default === 'string' ? field.default : '')}
                onChange={(event) => onChange({ ...values, [bag]: { ...values[bag], [field.name]: event.target.value } })}
              >
                {!field.required && <option value="">—</option>}
                {field.options.map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={id}
                className="input"
                type={field.secret ? 'password' : 'text'}
                autoComplete={field.secret ? 'new-password' : 'off'}
                required={field.required}
                autoFocus={index === 0}
                aria-describedby={hintId}
                value={value}
                onChange={(event) => onChange({ ...values, [bag]: { ...values[bag], [field.name]: event.target.value } })}
              />
            )}
            {hintId && (
              <span id={hintId} className="hint">
                {field.description}
                {field.secret && secretsSet.includes(field.name) && ' A value is stored; it is not shown.'}
              </span>
            )}
          </div>
        );
      })}
    </>
  );
}

/** The fields a repair asks for: the connector's secrets, or the names of the stored ones. */
export function secretFields(connectorFields: ConnectorParameter[] | undefined, secretsSet: string[]): ConnectorParameter[] {
  const fromConnector = connectorFields?.filter((field) => field.secret) ?? [];
  if (fromConnector.length > 0) return fromConnector;
  return secretsSet.map((name) => ({ name, label: labelFromName(name), secret: true, required: true }));
}

function labelFromName(name: string): string {
  const words = name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
