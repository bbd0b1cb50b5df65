// The web console is served by the platform at `/`. Until the console app lands (its own issue), `/` explains
// where things are instead of answering 404.
import { Controller, Get, Header, Module } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@credit-share/observability';

export const CONSOLE_PLACEHOLDER_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>credit-share</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 42rem; margin: 3rem auto; line-height: 1.5">
<h1>credit-share 信用信息共享平台</h1>
<p>The platform is running. 平台正在运行。</p>
<ul>
<li><a href="/api/docs">API documentation (Swagger UI)</a> · <a href="/api/openapi.json">OpenAPI</a></li>
<li><a href="/health">Health</a> · <a href="/metrics">Metrics</a></li>
</ul>
<p>Development tokens: <code>npx credit-share token --org platform --roles operator</code></p>
</body></html>`;

@ApiExcludeController()
@Controller()
class ConsoleController {
  @Public()
  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  index() {
    return CONSOLE_PLACEHOLDER_PAGE;
  }
}

@Module({ controllers: [ConsoleController] })
export class ConsoleModule {}
