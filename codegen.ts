// Resolver types for every subgraph, generated from its own SDL (`npm run codegen`). Each module declares
// `resolvers: Resolvers`, so an SDL change that a resolver does not follow fails the type-check.
// The output is committed (a fresh clone type-checks with plain `tsc -b`); `npm run lint` fails when it is stale.
import type { CodegenConfig } from '@graphql-codegen/cli';

/** Entities owned by another subgraph: their extending fields get the reference (see kit's entity-refs.ts). */
const references = {
  Station: '@leifeng/kit#StationRef',
  Region: '@leifeng/kit#RegionRef',
};

/** Parent types that differ from the SDL's object types (rows, entities, references), per service. */
const mappers: Record<string, Record<string, string>> = {
  stations: {
    Region: '../db/region.entity#RegionEntity',
    Station: '../db/station.entity#StationEntity',
    Community: '../services/region-facts-service#CommunityRow',
    CommunityCoverage: '../resolvers/parents#CommunityCoverageParent',
    StationConnection: '../resolvers/parents#StationConnectionParent',
  },
  volunteers: {
    ...references,
    Region: '../resolvers/parents#RegionParent',
    Volunteer: '../services/volunteer-service#VolunteerRow',
    Membership: '../services/membership-rows#MembershipRow',
    Activity: '../services/activity-service#ActivityRow',
    ServiceRecord: '../services/record-service#RecordRow',
    DutyShift: '../services/duty-service#DutyShift',
    Training: '../services/training-service#TrainingRow',
    Pairing: '../services/pairing-service#PairingRow',
    Certificate: '../services/certificate-service#CertificateRow',
    Demand: '../services/demand-service#DemandRow',
    CatalogueItem: '../services/timebank-service#CatalogueItem',
    Attendance: '../resolvers/parents#WithVolunteerId',
    VolunteerHours: '../resolvers/parents#WithVolunteerId',
    MatchSuggestion: '../resolvers/parents#WithVolunteerId',
    TimeBankAccount: '../resolvers/parents#TimeBankAccountParent',
    TimeBankTransaction: '../resolvers/parents#TimeBankTransactionParent',
  },
  accreditation: {
    ...references,
    RuleProfile: '../domain/rule-profile#RuleProfile',
    AccreditationCycle: '../services/rows#CycleRow',
    Application: '../services/rows#ApplicationRow',
    Title: '../services/rows#TitleRow',
    ReviewRun: '../resolvers/parents#ReviewRunParent',
    ReviewConnection: '../resolvers/parents#ReviewConnectionParent',
    ApplicationConnection: '../resolvers/parents#ApplicationConnectionParent',
    TitleConnection: '../resolvers/parents#TitleConnectionParent',
    PublicNotice: '../services/notice-service#NoticeRow',
    Objection: '../services/rows#ObjectionRow',
    Endorsement: '../services/rows#EndorsementRow',
    ApplicationForm: '../services/rows#ApplicationForm',
    Review: '../services/rows#ReviewRow',
    Quota: '../services/campaign-service#QuotaUse',
    QuotaTemplateEntry: '../services/campaign-service#QuotaTemplateRow',
  },
  notifications: {
    ...references,
    AgencyScope: '../services/agency-scope-service#StoredAgencyScope',
    LoggedEvent: '../db/event-log.entity#EventLogEntity',
    Announcement: '../services/announcement-service#Announcement',
    SmsMessage: '../services/sms-service#SmsRow',
    BulkSms: '../services/bulk-sms-service#BulkRow',
    WebhookEndpoint: '../services/webhook-endpoint-service#WebhookEndpoint',
    WebhookDelivery: '../services/webhook-endpoint-service#DeliveryRow',
    WebhookAttempt: '../services/webhook-endpoint-service#AttemptRow',
  },
  identity: {
    ...references,
    Account: '../services/account-service#AccountRow',
    GrantAuditEntry: '../services/grant-service#GrantAuditRow',
  },
};

const contexts: Record<string, string> = {
  stations: 'StationsContext',
  volunteers: 'VolunteersContext',
  accreditation: 'AccreditationContext',
  notifications: 'NotificationsContext',
  identity: 'IdentityContext',
};

type Output = CodegenConfig['generates'][string];

const output = (service: string): Output => ({
  schema: [`services/${service}/schema.graphql`, 'scripts/codegen/federation-directives.graphql'],
  plugins: ['typescript', 'typescript-resolvers'],
  config: {
    federation: true,
    useTypeImports: true,
    mapperTypeSuffix: 'Model',
    // graphql-js reports an Error returned in place of a value (DataLoader.loadMany's misses) as a field error.
    resolverTypeWrapperSignature: 'Promise<T> | T | Error',
    enumsAsTypes: true,
    contextType: `../context#${contexts[service]}`,
    mappers: mappers[service],
    scalars: {
      ID: 'string',
      Date: { input: 'string', output: 'string | Date' },
      DateTime: { input: 'Date', output: 'string | Date' },
      JSON: 'unknown',
    },
  },
});

const config: CodegenConfig = {
  overwrite: true,
  generates: Object.fromEntries(
    Object.keys(contexts).map((s) => [`services/${s}/src/generated/resolvers.ts`, output(s)]),
  ),
};
export default config;
