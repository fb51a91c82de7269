import type { CallName, CallResult, ParsedInput } from '../../../shared/api';
import type { CoreContext } from '../context';

export type Handler<N extends CallName> = (ctx: CoreContext, input: ParsedInput<N>) => CallResult<N> | Promise<CallResult<N>>;
/** The handlers for a subset of the contract: one domain's file. */
export type HandlersFor<K extends CallName> = { [N in K]: Handler<N> };
