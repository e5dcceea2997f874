// Moved to services/ (SQL lives in the service layer). Kept so resolvers/, owned by the typed-resolvers
// change, still compile; remove once they import from '../services/region-service'.
export * from '../services/region-service';
