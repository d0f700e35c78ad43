/** What every Odoo transport needs to send a request. */
export interface TransportOptions {
  /** `https://mycompany.odoo.com`, no trailing slash. */
  baseUrl: string;
  timeoutMs: number;
  /** Called once for every request sent (each attempt), for `OdooRpc.callCount`. */
  onRequest?: () => void;
}
