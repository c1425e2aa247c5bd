import { describe, it } from 'node:test';
import { checkRule } from '../../../helpers/project';

const RULE = 'config/hardcoded-config';

describe(RULE, () => {
  it('flags URLs, host:port, IP addresses and connection strings that differ between environments', () => {
    checkRule(RULE, {
      'src/payments/payments.service.ts': `export class PaymentsService {
  private readonly base = 'https://api.sandbox.paymentsco.io/v1';
  //                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ config/hardcoded-config Hardcoded configuration in a service: this URL differs between environments. It differs because api.sandbox.paymentsco.io names one deployment stage
  private readonly cache = { host: 'redis.internal:6379' };
  //                               ^^^^^^^^^^^^^^^^^^^^^ config/hardcoded-config this host:port
  private readonly receivers = { grpc: '0.0.0.0:4317', bind: '0.0.0.0' };
  private readonly collector = 'http://0.0.0.0:4318/v1/traces';
  //                           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ config/hardcoded-config 0.0.0.0 is reachable only from one machine or network
  charge() {
    return fetch(this.base + '/charges', { headers: { 'x-forwarded-for': '10.0.0.12' } });
    //                                                                   ^^^^^^^^^^^ config/hardcoded-config this IP address
  }
}
`,
      'src/orders/orders.repository.ts': `import { MongoClient } from 'mongodb';
export const client = new MongoClient('mongodb://mongo:27017/shop');
//                                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ config/hardcoded-config connection string
`,
      'src/webhooks/webhooks.controller.ts': `export class WebhooksController {
  register(req: unknown, res: { json(body: unknown): void }) { res.json({ url: this.callbackUrl() }); }
  callbackUrl() { return 'http://localhost:3000/webhooks'; }
  //                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ config/hardcoded-config
}
`,
    });
  });

  it('leaves the default of a configuration read, a value for the developer machine only, and a list of local hosts to test against alone', () => {
    checkRule(RULE, {
      'src/webhooks/webhooks.service.ts': `declare const configService: { get(key: string, fallback?: string): string };
export class WebhooksService {
  callbackUrl() { return process.env.CALLBACK_URL ?? 'http://localhost:3000/webhooks'; }
  searchUrl() { return configService.get('SEARCH_URL', 'http://localhost:8108'); }
  cacheUrl() { return (process.env.CACHE_URL || 'redis://localhost:6379') as string; }
  eventsUrl() { return process.env.EVENTS_HOST ? \`http://\${process.env.EVENTS_HOST}\` : 'http://localhost:8123'; }
  publicIp(serverIp?: string) {
    let ip = serverIp;
    if (process.env.NODE_ENV === 'development') {
      ip = '127.0.0.1';
    }
    return ip;
  }
  isLocal(host: string) { return ['localhost', '127.0.0.1'].includes(host); }
  redirectBase(given?: string) { return given || process.env.BASE_URL || 'http://localhost:3002'; }
  defaultEnvironments() { return [{ name: 'local', domain: 'http://127.0.0.1:8080' }]; }
  apiReference() { return { servers: [{ url: 'http://localhost:3000/v1', description: 'Dev server' }] }; }
  uploadTarget() { return { bucket: 'files', endpoint: 'http://10.0.0.12:9000' }; }
  //                                                   ^^^^^^^^^^^^^^^^^^^^^^^ config/hardcoded-config
  queueConnection(settingsService: { getSettings(): { queueHost?: string } }) {
    const settings = settingsService.getSettings() || {};
    const { queueHost = '127.0.0.1' } = settings;
    return queueHost;
  }
  mirrorHost(mirror: { host?: string }) {
    const { host = '10.0.0.40' } = mirror;
    //             ^^^^^^^^^^^ config/hardcoded-config
    return host;
  }
}
`,
      'src/mail/verifier.service.ts': `declare function getEnv(options: { name: string; defaultValue?: string }): string;
declare function getSetting(key: string, fallback: string): string;
declare const isDevelopment: boolean;
declare function isTest(): boolean;
const REDIRECT = isDevelopment ? 'http://localhost:3000/welcome' : 'https://app.acme.io/welcome';
//                                                                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ config/hardcoded-config
export class VerifierService {
  endpoint() { return getEnv({ name: 'VERIFIER_ENDPOINT', defaultValue: 'http://localhost:4100' }); }
  gateway() { return getEnv({ name: 'DOMAIN' }) ? \`\${getEnv({ name: 'DOMAIN' })}/gateway\` : 'http://localhost:4000'; }
  paymentsBase() { return getSetting('paymentsBase', 'https://api.sandbox.payments.example-pay.io'); }
  allowed(domains: string[]) { if (isTest()) domains.push('127.0.0.1'); return [domains, REDIRECT]; }
}
`,
    });
  });

  it('does not flag the config layer, route paths, namespaces, doc comments, decorators or other layers', () => {
    checkRule(RULE, {
      'src/config/app.config.ts': `export const appConfig = { apiUrl: process.env.API_URL ?? 'https://api.example.dev', redis: 'localhost:6379' };
`,
      'src/users/users.controller.ts': `import { Controller, Get, Redirect } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
// Docs: https://docs.nestjs.com/controllers
@Controller('users')
export class UsersController {
  @Get('/v1/users/:id')
  @ApiOkResponse({ description: 'A user', schema: { example: { avatar: 'https://cdn.example.net/a.png' } } })
  find() { return { path: '/users/:id', time: '12:30' }; }

  @Get('docs')
  @Redirect('https://docs.example.com', 302)
  docs() {}
}
`,
      'src/reports/reports.service.ts': `export class ReportsService {
  xml() { return '<feed xmlns="http://www.w3.org/2005/Atom"></feed>'; }
  ns() { return 'http://schemas.xmlsoap.org/soap/envelope/'; }
  link() { return 'See https://status.internal for the incident'; }
}
`,
      'src/utils/http.ts': `export const defaultBase = 'https://api.github.com';
`,
      'src/main.ts': `export const bind = '0.0.0.0:3000';
`,
    });
  });

  it('does not flag URLs compared against, parsed with, listed as known, or served as static assets', () => {
    checkRule(RULE, {
      'src/links/links.service.ts': `export class LinksService {
  private readonly quirks = ['https://api.provider-one.io/userinfo', 'https://api.provider-two.io/userinfo'];
  resolve(path: string, href: string) {
    const url = new URL(path, 'http://placeholder-base');
    if (href === 'https://accounts.provider.io/logout') return null;
    if (href.startsWith('https://cdn.provider.io/')) return href;
    switch (href) {
      case 'https://status.provider.io': return 'status';
    }
    const script = 'https://cdn.provider.io/embed/v2/widget.js';
    const gist = \`https://gist.provider.io/\${href}.js\`;
    return [url, script, gist, this.quirks.includes(href)];
  }
}
`,
    });
  });

  it('flags a fixed host at the start of a template literal like the same plain literal', () => {
    checkRule(RULE, {
      'src/billing/invoices.service.ts': `export class InvoicesService {
  url(id: string) { return \`https://staging-billing.acme.io/v2/invoices/\${id}\`; }
  //                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ config/hardcoded-config this URL
  local() { return ['http://localhost:4000/invoices']; }
  //                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ config/hardcoded-config this URL
}
`,
    });
  });

  it('checks a service that only wraps an HTTP client (an adapter), where endpoints live most', () => {
    checkRule(RULE, {
      'src/notifications/chat.service.ts': `import axios from 'axios';
export class ChatService {
  private readonly alertsHook = 'http://chat.internal:8065/hooks/alerts';
  //                            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ config/hardcoded-config Hardcoded configuration in an adapter
  notify(text: string) { return axios.post(this.alertsHook, { text }); }
}
`,
    });
  });

  it('does not flag the fixed public endpoints of third-party APIs, display links or example hosts', () => {
    checkRule(RULE, {
      'src/streams/streams.service.ts': `export class StreamsService {
  private readonly api = 'https://api.streamhub.tv/helix';
  info() { return { name: 'StreamHub', url: 'https://streamhub.tv/docs' }; }
  top(game: string) { return fetch(\`https://api.streamhub.tv/helix/streams?game=\${game}\`); }
  sample() { return { tracking: 'https://returns.example.com/label/1' }; }
  fallback() { return process.env.STREAMHUB_URL ?? 'https://api.streamhub.tv'; }
}
`,
    });
  });

  it('flags a URL the code picks by environment, and a bare internal host name', () => {
    checkRule(RULE, {
      'src/quotes/quotes.service.ts': `export class QuotesService {
  constructor(private readonly environment: { production: boolean }, private readonly root: string) {}
  base() { return this.environment.production ? 'https://quotes.acme.io/api' : this.root; }
  //                                            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ config/hardcoded-config the code picks it by environment
  flagBase() { return process.env.USE_PROD ? 'https://quotes.acme.io/api' : 'https://quotes.staging.acme.io/api'; }
  //                                                                        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ config/hardcoded-config
  stageBase() { return process.env.NODE_ENV === 'production' ? this.root : 'http://quotes.staging.acme.io/api'; }
  //                                                                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ config/hardcoded-config
  verifyLink(token: string) { return \`http://frontend-app/verify?token=\${token}\`; }
  //                                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ config/hardcoded-config frontend-app is a host name only one network resolves
}
`,
    });
  });
});
