/** Placeholder until the runs module's pages are built: replace this component (and routes.ts). */
import { ModuleUnavailable } from '../../components/ModuleUnavailable.js';
import { moduleInfo } from '../modules.js';

export function RunsPage() {
  const info = moduleInfo('runs');
  return <ModuleUnavailable name={info.name} description={info.description} />;
}
