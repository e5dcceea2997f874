import { assertAllowed, canManageStation, DomainError, hasRole, requireUser, type AuthUser } from '@leifeng/kit';
import type { DataSource } from 'typeorm';
import { lastFullWeekMonday, todayIn, type Clock } from '../domain/dates';
import type { StationFactsSource } from '../domain/facts';
import { evaluateCompliance, hoursThresholds, type Compliance, type TitleLevel } from '../domain/standards';
import type { InspectionService } from './inspection-service';
import { requireStandardSet, stationRef } from './rows';

/** Station.compliance: the standard evaluated on the graph's facts plus the latest inspection. */
export class ComplianceService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly facts: StationFactsSource,
    private readonly inspections: InspectionService,
  ) {}

  async forStation(
    user: AuthUser | undefined,
    stationId: string,
    standardSetId: string,
    year: number,
    level?: TitleLevel | null,
  ): Promise<Compliance & { facts: unknown }> {
    requireUser(user);
    const station = await stationRef(this.ds.manager, stationId);
    if (!station)
      throw new DomainError('STATION_NOT_REGISTERED', '未找到该站点', {
        stationId,
      });
    assertAllowed(
      user,
      canManageStation(user, station) || hasRole(user, 'INSPECTOR', 'SERVICE'),
      '只有本站站长、所辖地区管理员或检查人员可以查看达标情况',
    );
    const today = todayIn(this.clock);
    if (!Number.isInteger(year) || year < 2000 || year > Number(today.slice(0, 4)))
      throw new DomainError('INVALID_NUMBER', '年度不正确', { field: 'year' });
    const set = await requireStandardSet(this.ds.manager, standardSetId);
    const lvl = level ?? set.levels[set.levels.length - 1];
    if (!set.levels.includes(lvl))
      throw new DomainError('INVALID_LEVEL', `创建标准“${set.name}”不适用于${lvl}级`, { field: 'level' });
    const asOf = year < Number(today.slice(0, 4)) ? `${year + 1}-01-01` : today;
    const facts = (
      await this.facts.load([stationId], {
        year,
        hoursThresholds: hoursThresholds(set, lvl),
        weekOf: lastFullWeekMonday(today),
      })
    ).get(stationId)!;
    const [latest] = await this.inspections.latestByStations([stationId]);
    return {
      ...evaluateCompliance(set, lvl, facts, latest?.findings ?? [], asOf),
      facts,
    };
  }
}
