/** Placeholder until the clicks module's pages are built: replace this component (and routes.ts). */
import { ModuleUnavailable } from '../../components/ModuleUnavailable.js';
import { moduleInfo } from '../modules.js';

export function ClicksPage() {
  const info = moduleInfo('clicks');
  return <ModuleUnavailable name={info.name} description={info.description} />;
}
