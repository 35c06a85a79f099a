/** Placeholder until the lobbies module's pages are built: replace this component (and routes.ts). */
import { ModuleUnavailable } from '../../components/ModuleUnavailable.js';
import { moduleInfo } from '../modules.js';

export function LobbiesPage() {
  const info = moduleInfo('lobbies');
  return <ModuleUnavailable name={info.name} description={info.description} />;
}
