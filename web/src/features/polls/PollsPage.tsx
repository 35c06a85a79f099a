/** Placeholder until the polls module's pages are built: replace this component (and routes.ts). */
import { ModuleUnavailable } from '../../components/ModuleUnavailable.js';
import { moduleInfo } from '../modules.js';

export function PollsPage() {
  const info = moduleInfo('polls');
  return <ModuleUnavailable name={info.name} description={info.description} />;
}
