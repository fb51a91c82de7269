import type { draftCalls } from '../../../shared/drafts/contract';
import { discardDraft, getDraft, saveDraft } from '../services/drafts/drafts';
import type { HandlersFor } from './types';

export const draftHandlers: HandlersFor<keyof typeof draftCalls> = {
  getDraft: (ctx, { key }) => getDraft(ctx, key),
  saveDraft: (ctx, { key, value }) => saveDraft(ctx, key, value),
  discardDraft: (ctx, { key }) => discardDraft(ctx, key),
};
