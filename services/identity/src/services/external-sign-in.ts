/**
 * The seam for other ways in for officers, e.g. a province's unified government sign-on (政务服务统一身份认证,
 * an OpenID Connect provider configured by issuer URL). Such a provider only proves who the person is;
 * the account is found by the proven mobile number (the same account SMS sign-in uses), and the session
 * starts exactly as after an SMS code (`SessionService.start`), so grants, switching, refresh rotation,
 * sign-out and the audit trail stay in identity whichever way the person came in.
 *
 * Not wired to GraphQL yet: a provider implements this interface, `startExternalSignIn(provider)` /
 * `completeExternalSignIn(provider, code, state)` mutations (public) call it, and the console shows one
 * more tab per configured provider. See the service README, "Another way in: OpenID Connect".
 */
/** @public */
export interface ExternalIdentity {
  /** The provider's stable subject (`sub`), kept with the account the first time it is seen. */
  subject: string;
  /** The mobile number the provider verified (`phone_number` with `phone_number_verified: true`), if any. */
  verifiedPhone: string | null;
  displayName?: string;
}

/** @public */
export interface ExternalSignInProvider {
  /** Short id used in URLs and the audit trail, e.g. "hunan-gov-sso". */
  readonly id: string;
  /** What the sign-in page shows, e.g. "湖南政务服务统一身份认证". */
  readonly label: string;
  /** The URL the browser is sent to (authorization code flow with PKCE; `state` and `nonce` bound to the request). */
  authorizationUrl(request: {
    state: string;
    nonce: string;
    codeChallenge: string;
    redirectUri: string;
  }): Promise<string>;
  /**
   * Exchanges the code at the token endpoint and verifies the ID token: signature against the issuer's
   * JWKS, `iss`, `aud` = client id, `exp`, and the `nonce` of the request. Throws on any mismatch.
   */
  complete(response: {
    code: string;
    nonce: string;
    codeVerifier: string;
    redirectUri: string;
  }): Promise<ExternalIdentity>;
}

/** OIDC settings for one provider (OIDC_ISSUER_URL, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_LABEL). */
export interface OidcProviderConfig {
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  label: string;
  /** Claim holding the verified mobile number (default `phone_number`). */
  phoneClaim: string;
}
