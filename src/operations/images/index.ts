import type { Op } from '../context.js';

export const imagesOperations: Op<any>[] = [];
