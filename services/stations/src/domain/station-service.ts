// Moved to services/ (SQL lives in the service layer). Kept so resolvers/, owned by the typed-resolvers
// change, still compile; remove once they import from '../services/station-service'.
export * from '../services/station-service';
