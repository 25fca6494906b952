import { Link } from 'react-router';
import { Empty } from '../ui/Feedback';

export function NotFoundPage() {
  return (
    <div className="page page-narrow">
      <title>Page not found · Brook</title>
      <h1>Page not found</h1>
      <Empty title="There is nothing at this address.">
        <Link to="/flows">Go to your flows</Link>
      </Empty>
    </div>
  );
}
