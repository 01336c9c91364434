import { Link } from 'react-admin';
import { scopeLabel, scopePath } from './runFormat';

/** What a run covered, by name, linking to the mailbox or policy (a click on the link does not open the run row). */
export const ScopeLink = ({ scope, scopeName }: { scope: string; scopeName?: string | null }) => {
  const label = scopeLabel(scope, scopeName);
  const path = scopeName ? scopePath(scope) : null;
  return path ? <Link to={path} onClick={(e: React.MouseEvent) => e.stopPropagation()}>{label}</Link> : <span>{label}</span>;
};
