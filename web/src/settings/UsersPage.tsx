import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { UserRound } from 'lucide-react';
import { accountApi, accountKeys, useUsers } from '../api/account';
import type { User } from '../api/types';
import { useUser } from '../auth/session';
import { Dialog } from '../ui/Dialog';
import { ErrorNotice, Loading, Notice } from '../ui/Feedback';
import { Time } from '../ui/Time';
import '../styles/table.css';

export function UsersPage() {
  const me = useUser();
  const users = useUsers(me.role === 'admin');
  const [adding, setAdding] = useState(false);

  if (me.role !== 'admin')
    return (
      <div className="page page-narrow">
        <Notice tone="info">Only administrators manage users.</Notice>
      </div>
    );

  return (
    <div className="page page-narrow">
      <div className="page-header">
        <div>
          <nav className="breadcrumbs" aria-label="Breadcrumbs">
            <span>Settings</span> <span aria-hidden>›</span>
          </nav>
          <title>Users · Brook</title>
          <h1>Users</h1>
          <p className="subtitle">Makers own flows and connections; administrators see and manage everything.</p>
        </div>
        <button type="button" className="button button-primary" onClick={() => setAdding(true)}>
          <UserRound size={16} aria-hidden /> Add a user
        </button>
      </div>
      {users.isPending ? (
        <Loading />
      ) : users.isError ? (
        <ErrorNotice error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <div className="card table-wrap">
          <table className="table table-stack">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Since</th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((user) => (
                <tr key={user.id}>
                  <td className="cell-title">
                    <strong>{user.name}</strong>
                  </td>
                  <td data-label="Email">{user.email}</td>
                  <td data-label="Role">{user.role === 'admin' ? 'Administrator' : 'Maker'}</td>
                  <td data-label="Since">
                    <Time at={user.createdAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AddUserDialog open={adding} onClose={() => setAdding(false)} />
    </div>
  );
}

function AddUserDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ name: '', email: '', password: '', role: 'maker' as User['role'] });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return; // the button stays focusable while busy (a disabled one would drop the focus)
    setBusy(true);
    setError(null);
    try {
      await accountApi.createUser(form);
      await queryClient.invalidateQueries({ queryKey: accountKeys.users });
      setForm({ name: '', email: '', password: '', role: 'maker' });
      onClose();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Add a user"
      description="Tell them their first password; they sign in with their email."
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="add-user-form" className="button button-primary" aria-disabled={busy}>
            {busy ? 'Adding…' : 'Add the user'}
          </button>
        </>
      }
    >
      <form id="add-user-form" className="stack" onSubmit={(event) => void submit(event)}>
        {error !== null && <ErrorNotice error={error} />}
        <div className="field">
          <label htmlFor="user-name">Name</label>
          <input id="user-name" className="input" required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="user-email">Email</label>
          <input id="user-email" className="input" type="email" required value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="user-password">First password</label>
          <input id="user-password" className="input" type="password" autoComplete="new-password" minLength={8} required value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="user-role">Role</label>
          <select id="user-role" className="select" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value === 'admin' ? 'admin' : 'maker' })}>
            <option value="maker">Maker</option>
            <option value="admin">Administrator</option>
          </select>
        </div>
      </form>
    </Dialog>
  );
}
