// Worker threads start here: register the TypeScript loader (tsx, a runtime
// dependency), then load the gradient worker.
import { register } from 'tsx/esm/api';

register();
await import('./gradientWorker.ts');
