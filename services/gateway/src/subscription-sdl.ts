/**
 * The gateway's own Subscription type, served over graphql-ws beside the federated graph. The console's
 * codegen (apps/web/scripts/api-schema.mjs) reads this file's one template literal: keep it the only one.
 */
export const SUBSCRIPTION_SDL = `
type Subscription {
  "Live review events (review.*, title.*, rectification.*, inspection.*) in the subscriber's scope. After \`after\` (an event id), missed events come first."
  reviewEvents(filter: ReviewEventFilter, after: ID): LoggedEvent!
}
extend schema { subscription: Subscription }`;
