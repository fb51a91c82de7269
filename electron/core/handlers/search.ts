import type { searchCalls } from '../../../shared/contract/search';
import type { HandlersFor } from './types';
import { search } from '../services/search';

export const searchHandlers: HandlersFor<keyof typeof searchCalls> = {
  search,
};
