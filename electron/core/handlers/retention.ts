import type { retentionCalls } from '../../../shared/retention/contract';
import { listAudit } from '../audit';
import * as retention from '../services/retention/conversations';
import { queueRetentionSnapshot } from '../services/retention/export';
import { getLeaderRetention, getRetentionOverview } from '../services/retention/overview';
import * as succession from '../services/retention/succession';
import type { HandlersFor } from './types';

export const retentionHandlers: HandlersFor<keyof typeof retentionCalls> = {
  getRetentionOverview: (ctx) => getRetentionOverview(ctx),
  getLeaderRetention: (ctx, { leaderId }) => getLeaderRetention(ctx, leaderId),
  getRetentionConversation: (ctx, { conversationId }) => retention.getConversation(ctx, conversationId),
  recordRetentionConversation: retention.recordConversation,
  updateRetentionConversation: retention.updateConversation,
  addRetentionAction: retention.addAction,
  completeRetentionFollowUp: (ctx, { conversationId, doneDate }) => retention.completeFollowUp(ctx, conversationId, doneDate),
  recordRetentionRisk: retention.recordRisk,
  saveSuccessionCandidate: succession.saveCandidate,
  removeSuccessionCandidate: (ctx, { candidateId }) => succession.removeCandidate(ctx, candidateId),
  listRetentionAudit: (ctx, { leaderId, schoolId }) =>
    leaderId !== undefined ? listAudit(ctx, 'leader_retention', leaderId) : listAudit(ctx, 'school_succession', schoolId!),
  queueRetentionSnapshot: (ctx) => queueRetentionSnapshot(ctx),
};
