// A real OpenID Connect provider for the sign-in tests: the certified `oidc-provider` package,
// with its development login form (any password) and three people of the municipality.
// Usage: node provider.mjs PORT REDIRECT_URI POST_LOGOUT_REDIRECT_URI
import Provider from 'oidc-provider';

const [port, redirectUri, postLogoutRedirectUri] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;

const people = {
  'anna.financien': { name: 'Anna de Vries', email: 'anna@gemeente.example', groups: ['portal-fin', 'iedereen'] },
  'bert.griffie': { name: 'Bert Jansen', email: 'bert@gemeente.example', groups: ['portal-griffie'] },
  'carla.zonder': { name: 'Carla Smit', email: 'carla@gemeente.example', groups: ['iedereen'] },
};

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'hengelo-portaal',
    client_secret: 'alleen-voor-de-tests',
    redirect_uris: [redirectUri],
    post_logout_redirect_uris: [postLogoutRedirectUri],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  async findAccount(ctx, id) {
    const person = people[id];
    if (!person) return undefined;
    return {
      accountId: id,
      async claims() {
        return { sub: id, preferred_username: id, email_verified: true, ...person };
      },
    };
  },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'preferred_username'],
    groups: ['groups'],
  },
  scopes: ['openid', 'email', 'profile', 'groups'],
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: { enabled: true },
  },
  cookies: { keys: ['alleen-voor-de-tests'] },
});

provider.listen(Number(port), '127.0.0.1', () => {
  console.log(`oidc-provider ready at ${issuer}`);
});
