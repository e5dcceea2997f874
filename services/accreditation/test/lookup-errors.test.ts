import { startTestSubgraph, type TestSubgraph } from '@leifeng/kit/testing';
import type { AuthUser } from '@leifeng/kit';
import { DataSource } from 'typeorm';
import { accreditationModule } from '../src/module';
import { readAccreditationPii } from '../src/config';
import { FormPhoneCipher } from '../src/domain/application-privacy';
import { systemClock } from '../src/domain/dates';
import { ApplicationService } from '../src/services/application-service';
import { CampaignService } from '../src/services/campaign-service';

/**
 * Only a missing or malformed id reads as "not found" (null); a database that fails is an error, never
 * a silent null (issue 11, point 8).
 */
let svc: TestSubgraph;
let ds: DataSource;
const MISSING = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  svc = await startTestSubgraph(accreditationModule);
  ds = new DataSource({ type: 'postgres', url: svc.db.url });
  await ds.initialize();
}, 60000);

afterAll(async () => {
  if (ds?.isInitialized) await ds.destroy();
  await svc?.stop();
});

it('a missing or malformed id is null; a closed database is an error', async () => {
  const user: AuthUser = {
    sub: 'province-admin',
    roles: ['PROVINCE_ADMIN'],
    regionCode: '430000',
  };
  const applications = new ApplicationService(ds, systemClock, new FormPhoneCipher(readAccreditationPii({})));
  const campaign = new CampaignService(ds, systemClock);
  expect(await applications.byId(user, MISSING)).toBeNull();
  expect(await applications.byId(user, 'not-a-uuid')).toBeNull();
  expect(await campaign.cycle(MISSING)).toBeNull();
  expect(await campaign.cycle('not-a-uuid')).toBeNull();

  await ds.destroy();
  await expect(applications.byId(user, MISSING)).rejects.toThrow();
  await expect(campaign.cycle(MISSING)).rejects.toThrow();
});
