import DataLoader from 'dataloader';
import type { AccountRow, AccountService } from '../services/account-service';
import type { GrantRow } from '../services/session-service';

/** Per-request batching: accounts and their grants, one statement per kind. */
export function createLoaders(accounts: AccountService) {
  return {
    account: new DataLoader<string, AccountRow | null>(async (ids) => {
      const rows = await accounts.byIds(ids);
      const byId = new Map(rows.map((a) => [a.id, a]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    grants: new DataLoader<string, GrantRow[]>(async (ids) => {
      const rows = await accounts.grantsOf(ids);
      return ids.map((id) => rows.filter((g) => g.account_id === id));
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
