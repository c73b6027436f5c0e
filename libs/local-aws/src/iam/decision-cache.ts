import type { LocalRole } from './local-roles';
import type { RequiredPermission } from './request-actions';

/** What the simulator answered for one permission: allowed, denied, or refused with its errors. */
export type Verdict = { readonly kind: 'allowed' } | { readonly kind: 'denied' } | { readonly kind: 'error'; readonly errors: string };

/** Decisions remembered per stack; the oldest is forgotten first. Jobs repeat few distinct requests. */
export const DECISION_CACHE_SIZE = 2_000;

/**
 * Whether a role's policy lets the simulator's answer depend on anything but the action, the
 * resource and the request's own context keys: a global `aws:` condition key (the principal, the
 * time, the source IP…) or a policy variable (`${aws:username}`). Such a role's decisions are not
 * cached at all.
 */
export function policyReadsGlobalContext(role: LocalRole): boolean {
  for (const statement of role.policy.Statement) {
    if (JSON.stringify(statement).includes('${')) return true;
    for (const keys of Object.values(statement.Condition ?? {})) {
      if (Object.keys(keys).some((key) => key.toLowerCase().startsWith('aws:'))) return true;
    }
  }
  return false;
}

/**
 * The IAM simulator's decisions, keyed on everything they depend on: the role (whose policy is
 * fixed for the stack's lifetime), the caller's account, the action, the resource and the request
 * context keys. The refusal message is built per request (it names the caller's session).
 */
export class DecisionCache {
  private readonly decisions = new Map<string, Verdict>();
  private readonly cacheable = new WeakMap<LocalRole, boolean>();

  constructor(private readonly size = DECISION_CACHE_SIZE) {}

  /** The key of a decision, or undefined when this role's decisions must not be cached. */
  key(role: LocalRole, callerAccount: string, permission: RequiredPermission): string | undefined {
    let cacheable = this.cacheable.get(role);
    if (cacheable === undefined) {
      cacheable = !policyReadsGlobalContext(role);
      this.cacheable.set(role, cacheable);
    }
    if (!cacheable) return undefined;
    const context = permission.context === undefined ? [] : Object.entries(permission.context).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return JSON.stringify([role.roleArn, callerAccount, permission.action, permission.resource, context]);
  }

  /** How many decisions were answered from the cache. */
  hits = 0;

  get(key: string): Verdict | undefined {
    const verdict = this.decisions.get(key);
    if (verdict !== undefined) this.hits++;
    return verdict;
  }

  set(key: string, decision: Verdict): void {
    if (this.decisions.size >= this.size && !this.decisions.has(key)) {
      const oldest = this.decisions.keys().next();
      if (!oldest.done) this.decisions.delete(oldest.value);
    }
    this.decisions.set(key, decision);
  }

  get entries(): number {
    return this.decisions.size;
  }
}
