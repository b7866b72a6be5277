import type { HttpRoute } from '../../bot/server.js';
import type { Services } from '../../services.js';
import type { Op } from '../context.js';
import { captureRoute } from './capture.js';
import { setRangesOperation } from './setRanges.js';

export const controlPlaneOperations: Op<any>[] = [setRangesOperation];

export function controlPlaneRoutes(s: Services): HttpRoute[] {
  return [captureRoute(s)];
}
