/** Placeholder until the watch module's pages are built: replace this component (and routes.ts). */
import { ModuleUnavailable } from '../../components/ModuleUnavailable.js';
import { moduleInfo } from '../modules.js';

export function WatchPage() {
  const info = moduleInfo('watch');
  return <ModuleUnavailable name={info.name} description={info.description} />;
}
