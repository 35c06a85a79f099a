/** Prometheus metrics, one registry per app instance (tests run several apps in one process). */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({
    name: 'roomful_http_requests_total',
    help: 'HTTP requests by method, route and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'roomful_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    registers: [this.registry],
  });
  readonly wsConnections = new Gauge({
    name: 'roomful_ws_connections',
    help: 'Open WebSocket connections by endpoint',
    labelNames: ['endpoint'] as const,
    registers: [this.registry],
  });
  readonly wsFramesIn = new Counter({
    name: 'roomful_ws_frames_in_total',
    help: 'Inbound WebSocket frames by endpoint and outcome',
    labelNames: ['endpoint', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly wsFramesOut = new Counter({
    name: 'roomful_ws_frames_out_total',
    help: 'Outbound WebSocket frames',
    registers: [this.registry],
  });
  readonly wsClosed = new Counter({
    name: 'roomful_ws_closed_total',
    help: 'WebSocket closes by close code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  readonly busPublished = new Counter({
    name: 'roomful_bus_published_total',
    help: 'Messages published on the bus',
    registers: [this.registry],
  });

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry });
  }
}
