/** Placeholder until the admin module's pages are built: replace this component (and routes.ts). */
import { ModuleUnavailable } from '../../components/ModuleUnavailable.js';
import { moduleInfo } from '../modules.js';

export function AdminPage() {
  const info = moduleInfo('admin');
  return <ModuleUnavailable name={info.name} description={info.description} />;
}
