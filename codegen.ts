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
    Community: '../domain/region-facts-service#CommunityRow',
    CommunityCoverage: '../resolvers/parents#CommunityCoverageParent',
    StationConnection: '../resolvers/parents#StationConnectionParent',
  },
  volunteers: {
    ...references,
    Region: '../resolvers/parents#RegionParent',
    Volunteer: '../domain/volunteer-service#VolunteerRow',
    Membership: '../domain/membership-rows#MembershipRow',
    Activity: '../domain/activity-service#ActivityRow',
    ServiceRecord: '../domain/record-service#RecordRow',
    DutyShift: '../domain/duty-service#DutyShift',
    Training: '../domain/training-service#TrainingRow',
    Pairing: '../domain/pairing-service#PairingRow',
    Certificate: '../domain/certificate-service#CertificateRow',
    Demand: '../domain/demand-service#DemandRow',
    CatalogueItem: '../domain/timebank-service#CatalogueItem',
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
  },
  notifications: {
    ...references,
    AgencyScope: '../agencies/agency-scope-service#StoredAgencyScope',
    LoggedEvent: '../db/event-log.entity#EventLogEntity',
    Announcement: '../announcements/announcement-service#Announcement',
    SmsMessage: '../sms/sms-queries#SmsRow',
    BulkSms: '../sms/bulk#BulkRow',
    WebhookEndpoint: '../webhooks/endpoint-service#WebhookEndpoint',
    WebhookDelivery: '../webhooks/endpoint-service#DeliveryRow',
    WebhookAttempt: '../webhooks/endpoint-service#AttemptRow',
  },
  identity: {
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
