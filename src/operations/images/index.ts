import type { Op } from '../context.js';
import { setContainersPlanOperation } from './setContainersPlan.js';

export const imagesOperations: Op<any>[] = [setContainersPlanOperation];
