import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import {
  agencyScopeAllows,
  agencyScopeCoversRegion,
  agencyScopeCoversTypes,
  assertAllowed,
  DomainError,
  forbidden,
  hasRole,
  isRegionCode,
  isUuid,
  notFound,
  pageSize,
  regionPrefix,
  ValidationErrors,
  type AgencyScope,
  type AuthUser,
} from '@leifeng/kit';
import type { AgencyScopeService } from './agency-scope-service';
import { EVENT_TYPE } from '../domain/agency-scope';
import type { DataSource } from 'typeorm';
import type { Clock, NotificationsConfig } from '../config';
import { sealSecret } from '../domain/webhook-secret';
import { isValidSecret, newSecret } from '../domain/webhook-signing';
import { isPrivateAddress } from './webhook-ssrf';

const MISSED_WINDOW_DAYS = 30;

export interface WebhookEndpoint {
  id: string;
  agencyId: string;
  url: string;
  eventTypes: string[];
  regionCode: string | null;
  enabled: boolean;
  disabledReason: string | null;
  failingSince: Date | null;
  lastSuccessAt: Date | null;
  previousSecretUntil: Date | null;
  createdAt: Date;
}

/** A row of webhook_delivery. */
export interface DeliveryRow {
  id: string;
  event_id: string;
  event_type: string;
  replay: boolean;
  status: string;
  attempt_count: number;
  next_attempt_at: Date | null;
  succeeded_at: Date | null;
  created_at: Date;
}

/** A row of webhook_attempt. */
export interface AttemptRow {
  id: string;
  delivery_id: string;
  attempt: number;
  status_code: number | null;
  error: string | null;
  latency_ms: number;
  response_excerpt: string | null;
  attempted_at: Date;
}

const COLS = `id, agency_id, url, event_types, region_code, enabled, disabled_reason, failing_since, last_success_at, previous_secret_until, created_at`;
/** A row of webhook_endpoint (the COLS). */
interface EndpointRow {
  id: string;
  agency_id: string;
  url: string;
  event_types: string[];
  region_code: string | null;
  enabled: boolean;
  disabled_reason: string | null;
  failing_since: Date | null;
  last_success_at: Date | null;
  previous_secret_until: Date | null;
  created_at: Date;
}

const toEndpoint = (r: EndpointRow): WebhookEndpoint => ({
  id: r.id,
  agencyId: r.agency_id,
  url: r.url,
  eventTypes: r.event_types,
  regionCode: r.region_code,
  enabled: r.enabled,
  disabledReason: r.disabled_reason,
  failingSince: r.failing_since,
  lastSuccessAt: r.last_success_at,
  previousSecretUntil: r.previous_secret_until,
  createdAt: r.created_at,
});

/** Agencies manage their own endpoints; the secret is returned once, at creation and rotation. */
export class WebhookEndpointService {
  constructor(
    private readonly ds: DataSource,
    private readonly config: NotificationsConfig['webhook'],
    private readonly isProduction: boolean,
    private readonly now: Clock,
    private readonly secretKey: Buffer,
    private readonly scopes: AgencyScopeService,
  ) {}

  /** The agency's scope; an agency without one may not subscribe to anything. */
  private async scopeOf(agencyId: string): Promise<AgencyScope> {
    const scope = await this.scopes.find(agencyId);
    if (!scope) throw forbidden('本单位尚未由管理员设置可订阅的地区和事件类型');
    return scope;
  }

  /** An endpoint's types and region must lie within the agency's scope (a region is required). */
  private checkWithinScope(
    scope: AgencyScope,
    types: string[],
    regionCode: string | null | undefined,
    errors: ValidationErrors,
  ): void {
    if (types.length && !agencyScopeCoversTypes(scope, types)) {
      errors.add(
        'OUTSIDE_AGENCY_SCOPE',
        'eventTypes',
        `事件类型超出本单位的范围（可订阅：${scope.eventTypes.join('、')}）`,
      );
    }
    if (regionCode == null)
      errors.add('OUTSIDE_AGENCY_SCOPE', 'regionCode', `请指定本单位范围内的地区（${scope.regionCodes.join('、')}）`);
    else if (isRegionCode(regionCode) && !agencyScopeCoversRegion(scope, regionCode)) {
      errors.add('OUTSIDE_AGENCY_SCOPE', 'regionCode', `地区超出本单位的范围（${scope.regionCodes.join('、')}）`);
    }
  }

  private agencyOf(user: AuthUser | undefined): string {
    assertAllowed(user, hasRole(user, 'AGENCY') && !!user!.agencyId, '只有合作单位可以管理 Webhook 订阅');
    return user!.agencyId!;
  }

  private async own(user: AuthUser | undefined, id: string): Promise<{ agencyId: string; row: EndpointRow }> {
    const agencyId = this.agencyOf(user);
    if (!isUuid(id)) throw notFound('Webhook 订阅', id);
    const [row]: (EndpointRow | undefined)[] = await this.ds.query(
      `SELECT ${COLS} FROM webhook_endpoint WHERE id = $1`,
      [id],
    );
    if (!row) throw notFound('Webhook 订阅', id);
    if (row.agency_id !== agencyId) throw forbidden('只能管理本单位的 Webhook 订阅');
    return { agencyId, row };
  }

  /** An agency may bring its own secret (Standard Webhooks: whsec_ + base64 of 24–64 bytes). */
  private secretFrom(given: string | null | undefined, errors: ValidationErrors): string {
    if (given == null) return newSecret();
    if (!isValidSecret(given))
      errors.add('INVALID_WEBHOOK_SECRET', 'secret', '密钥应为 whsec_ 加 24–64 字节的 base64 编码');
    return given;
  }

  validateUrl(raw: string, errors: ValidationErrors): void {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      errors.add('INVALID_WEBHOOK_URL', 'url', '回调地址不是合法的 URL');
      return;
    }
    const httpAllowed = !this.isProduction && this.config.allowPrivateNetworks;
    if (url.protocol !== 'https:' && !(httpAllowed && url.protocol === 'http:'))
      errors.add('INVALID_WEBHOOK_URL', 'url', '回调地址必须使用 https');
    if (url.username || url.password) errors.add('INVALID_WEBHOOK_URL', 'url', '回调地址不能包含用户名或密码');
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (!this.config.allowPrivateNetworks && (host === 'localhost' || (isIP(host) && isPrivateAddress(host)))) {
      errors.add('WEBHOOK_PRIVATE_ADDRESS', 'url', '回调地址不能指向内网或本机地址');
    }
    if (raw.length > 2000) errors.add('INVALID_WEBHOOK_URL', 'url', '回调地址过长');
  }

  private validateTypes(eventTypes: string[] | undefined | null, errors: ValidationErrors): string[] {
    const types = [...new Set(eventTypes ?? [])];
    if (!types.length || types.length > 50 || types.some((t) => t.length > 100 || !EVENT_TYPE.test(t)))
      errors.add('INVALID_EVENT_TYPES', 'eventTypes', '事件类型应为 1–50 个，如 title.revoked，或 * 表示全部');
    return types;
  }

  private validateRegion(regionCode: string | null | undefined, errors: ValidationErrors): void {
    if (regionCode != null && !isRegionCode(regionCode))
      errors.add('INVALID_REGION_CODE', 'regionCode', `行政区划代码格式不正确：${regionCode}`);
  }

  async create(
    user: AuthUser | undefined,
    input: {
      url: string;
      eventTypes: string[];
      regionCode?: string | null;
      secret?: string | null;
    },
  ): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    const agencyId = this.agencyOf(user);
    const errors = new ValidationErrors();
    const secret = this.secretFrom(input.secret, errors);
    this.validateUrl(input.url ?? '', errors);
    const types = this.validateTypes(input.eventTypes, errors);
    this.validateRegion(input.regionCode, errors);
    errors.throwIfAny();
    this.checkWithinScope(await this.scopeOf(agencyId), types, input.regionCode, errors);
    errors.throwIfAny();
    const id = randomUUID();
    const [row] = await this.ds.query(
      `INSERT INTO webhook_endpoint (id, agency_id, url, event_types, region_code, region_prefix, secret) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLS}`,
      [
        id,
        agencyId,
        input.url,
        types,
        input.regionCode ?? null,
        input.regionCode ? regionPrefix(input.regionCode) : null,
        sealSecret(secret, this.secretKey, id),
      ],
    );
    return { endpoint: toEndpoint(row), secret };
  }

  /** Changes URL, event types or region filter (an explicit null region removes the filter). */
  async update(
    user: AuthUser | undefined,
    id: string,
    input: {
      url?: string | null;
      eventTypes?: string[] | null;
      regionCode?: string | null;
    },
  ): Promise<WebhookEndpoint> {
    const { row } = await this.own(user, id);
    const errors = new ValidationErrors();
    if (input.url === null) errors.add('INVALID_WEBHOOK_URL', 'url', '回调地址不能为空');
    if (input.url != null) this.validateUrl(input.url, errors);
    if (input.eventTypes === null) errors.add('INVALID_EVENT_TYPES', 'eventTypes', '事件类型不能为空');
    const types = input.eventTypes != null ? this.validateTypes(input.eventTypes, errors) : row.event_types;
    this.validateRegion(input.regionCode, errors);
    errors.throwIfAny();
    const region = 'regionCode' in input ? (input.regionCode ?? null) : row.region_code;
    this.checkWithinScope(await this.scopeOf(row.agency_id), types, region, errors);
    errors.throwIfAny();
    const rows = await this.ds.query(
      `UPDATE webhook_endpoint SET url = $2, event_types = $3, region_code = $4, region_prefix = $5 WHERE id = $1 RETURNING ${COLS}`,
      [id, input.url ?? row.url, types, region, region ? regionPrefix(region) : null],
    );
    return toEndpoint(rows[0][0]);
  }

  /** A new secret; the old one keeps signing too (both signatures sent) for the overlap period. */
  async rotate(
    user: AuthUser | undefined,
    id: string,
    given?: string | null,
  ): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    await this.own(user, id);
    const errors = new ValidationErrors();
    const secret = this.secretFrom(given, errors);
    errors.throwIfAny();
    const rows = await this.ds.query(
      `UPDATE webhook_endpoint SET previous_secret = secret, previous_secret_until = $3, secret = $2 WHERE id = $1 RETURNING ${COLS}`,
      [id, sealSecret(secret, this.secretKey, id), new Date(this.now().getTime() + this.config.secretOverlapMs)],
    );
    return { endpoint: toEndpoint(rows[0][0]), secret };
  }

  async setEnabled(user: AuthUser | undefined, id: string, enabled: boolean): Promise<WebhookEndpoint> {
    const { row } = await this.own(user, id);
    if (row.enabled === enabled)
      throw new DomainError(
        enabled ? 'WEBHOOK_ALREADY_ENABLED' : 'WEBHOOK_ALREADY_DISABLED',
        enabled ? '该订阅已启用' : '该订阅已停用',
      );
    const rows = await this.ds.query(
      `UPDATE webhook_endpoint SET enabled = $2, disabled_reason = $3, failing_since = NULL WHERE id = $1 RETURNING ${COLS}`,
      [id, enabled, enabled ? null : 'AGENCY'],
    );
    return toEndpoint(rows[0][0]);
  }

  async list(user: AuthUser | undefined): Promise<WebhookEndpoint[]> {
    const agencyId = this.agencyOf(user);
    const rows = await this.ds.query(`SELECT ${COLS} FROM webhook_endpoint WHERE agency_id = $1 ORDER BY created_at`, [
      agencyId,
    ]);
    return rows.map(toEndpoint);
  }

  /** Deliveries of one endpoint, newest first, with every attempt. */
  async deliveries(user: AuthUser | undefined, id: string, onlyMissed: boolean, first: number): Promise<DeliveryRow[]> {
    await this.own(user, id);
    pageSize(first, 200, 1);
    const rows = await this.ds.query(
      `SELECT id, event_id, event_type, replay, status, attempt_count, next_attempt_at, succeeded_at, created_at FROM webhook_delivery
        WHERE endpoint_id = $1 ${onlyMissed ? `AND status = 'FAILED' AND created_at >= $3` : ''}
        ORDER BY created_at DESC LIMIT $2`,
      onlyMissed ? [id, first, new Date(this.now().getTime() - MISSED_WINDOW_DAYS * 86_400_000)] : [id, first],
    );
    return rows;
  }

  async attemptsOf(deliveryIds: readonly string[]): Promise<Map<string, AttemptRow[]>> {
    const map = new Map<string, AttemptRow[]>(deliveryIds.map((id) => [id, []]));
    if (!deliveryIds.length) return map;
    const rows: AttemptRow[] = await this.ds.query(
      `SELECT * FROM webhook_attempt WHERE delivery_id = ANY($1::uuid[]) ORDER BY attempt`,
      [deliveryIds],
    );
    for (const r of rows) map.get(r.delivery_id)!.push(r);
    return map;
  }

  /** Sends one logged event again to the endpoint: a new delivery row, the same webhook-id (receivers dedupe on it). */
  async replay(user: AuthUser | undefined, id: string, eventId: string): Promise<{ id: string }> {
    const { row } = await this.own(user, id);
    if (!row.enabled) throw new DomainError('WEBHOOK_DISABLED', '该订阅已停用，请先启用');
    if (!isUuid(eventId)) throw notFound('事件', eventId);
    const [event] = await this.ds.query(`SELECT event_id, type, region_code FROM event_log WHERE event_id = $1`, [
      eventId,
    ]);
    if (!event) throw notFound('事件', eventId);
    const typeOk = row.event_types.includes('*') || row.event_types.includes(event.type);
    const regionOk =
      !row.region_code || (!!event.region_code && String(event.region_code).startsWith(regionPrefix(row.region_code)));
    if (!typeOk || !regionOk)
      throw new DomainError('WEBHOOK_EVENT_NOT_SUBSCRIBED', '该事件不在此订阅的事件类型或地区范围内');
    if (
      !agencyScopeAllows(await this.scopeOf(row.agency_id), {
        type: event.type,
        regionCode: event.region_code,
      })
    )
      throw new DomainError('WEBHOOK_EVENT_NOT_SUBSCRIBED', '该事件不在本单位的范围内');
    const [delivery] = await this.ds.query(
      `INSERT INTO webhook_delivery (endpoint_id, event_id, event_type, replay) VALUES ($1, $2, $3, true) RETURNING id`,
      [id, eventId, event.type],
    );
    return delivery;
  }

  /** replay, answered with the new delivery row. */
  async replayDelivery(user: AuthUser | undefined, id: string, eventId: string): Promise<DeliveryRow> {
    const delivery = await this.replay(user, id, eventId);
    const [row] = await this.ds.query(`SELECT * FROM webhook_delivery WHERE id = $1`, [delivery.id]);
    return row;
  }
}
