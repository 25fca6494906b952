import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { KeyRound, Trash } from 'lucide-react';
import { accountApi, accountKeys, useTokens } from '../api/account';
import { useUser } from '../auth/session';
import { CopyButton } from '../ui/CopyButton';
import { Empty, ErrorNotice, Loading, Notice } from '../ui/Feedback';
import { Time } from '../ui/Time';
import '../styles/table.css';

export function ProfilePage() {
  const user = useUser();
  return (
    <div className="page page-narrow">
      <div className="page-header">
        <div>
          <nav className="breadcrumbs" aria-label="Breadcrumbs">
            <span>Settings</span> <span aria-hidden>›</span>
          </nav>
          <title>Profile and API tokens · Brook</title>
          <h1>Profile and API tokens</h1>
        </div>
      </div>
      <section className="card card-body" aria-labelledby="profile-heading">
        <h2 id="profile-heading">You</h2>
        <dl className="details-list">
          <dt>Name</dt>
          <dd>{user.name}</dd>
          <dt>Email</dt>
          <dd>{user.email}</dd>
          <dt>Role</dt>
          <dd>{user.role === 'admin' ? 'Administrator: sees and manages everything' : 'Maker: your own flows and connections, and what is shared with you'}</dd>
        </dl>
      </section>
      <Tokens />
    </div>
  );
}

function Tokens() {
  const tokens = useTokens();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [fresh, setFresh] = useState<{ name: string; token: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return; // the button stays focusable while busy (a disabled one would drop the focus)
    setBusy(true);
    setError(null);
    try {
      const token = await accountApi.createToken(name.trim());
      setFresh(token.token ? { name: token.name, token: token.token } : null);
      setName('');
      await queryClient.invalidateQueries({ queryKey: accountKeys.tokens });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (id: string) => {
    setError(null);
    try {
      await accountApi.deleteToken(id);
      await queryClient.invalidateQueries({ queryKey: accountKeys.tokens });
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <section className="card card-body stack" aria-labelledby="tokens-heading">
      <div>
        <h2 id="tokens-heading">API tokens</h2>
        <p className="small muted">
          For scripts and the <code>brook</code> command: send <code>Authorization: Bearer …</code>. A token acts as you.
        </p>
      </div>
      <form className="row" onSubmit={(event) => void create(event)}>
        <div className="field grow">
          <label htmlFor="token-name">Token name</label>
          <input id="token-name" className="input" required placeholder="e.g. deploy script" value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <button type="submit" className="button button-primary" style={{ alignSelf: 'flex-end' }} disabled={!name.trim()} aria-disabled={busy}>
          <KeyRound size={15} aria-hidden /> Create token
        </button>
      </form>
      {fresh && (
        <Notice tone="ok" role="status">
          <strong>Token “{fresh.name}” created. Copy it now: it is not shown again.</strong>
          <div className="trigger-url">
            <code>{fresh.token}</code>
            <CopyButton text={fresh.token} label="Copy token" />
          </div>
        </Notice>
      )}
      {error !== null && <ErrorNotice error={error} />}
      {tokens.isPending ? (
        <Loading />
      ) : tokens.isError ? (
        <ErrorNotice error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : tokens.data.length === 0 ? (
        <Empty title="No tokens yet." />
      ) : (
        <table className="table table-stack">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.data.map((token) => (
              <tr key={token.id}>
                <td className="cell-title">{token.name}</td>
                <td data-label="Created">
                  <Time at={token.createdAt} />
                </td>
                <td data-label="Last used">
                  <Time at={token.lastUsedAt} />
                </td>
                <td data-label="">
                  <button type="button" className="button button-ghost button-small" aria-label={`Delete token ${token.name}`} onClick={() => void remove(token.id)}>
                    <Trash size={15} aria-hidden /> Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
