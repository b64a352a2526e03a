using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;
using ThermoDev.Gateway.Api;
using ThermoDev.Gateway.Discovery;
using ThermoDev.Gateway.Mqtt;
using ThermoDev.Gateway.ResourceDirectory;
using ThermoDev.Gateway.Proxy;
using ThermoDev.Gateway.Sse;

namespace ThermoDev.Gateway
{
    /// <summary>
    /// A gateway: the ASP.NET Core application over a <see cref="GatewayCore"/>, built from
    /// <see cref="GatewaySettings"/>. Tests start one in-process on http://127.0.0.1:0 and read
    /// <see cref="Addresses"/>; the program runs one until Ctrl+C.
    /// </summary>
    public sealed class GatewayApp : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _disposed;

        private GatewayApp(WebApplication app, GatewayCore core, GatewaySettings settings)
        {
            _app = app;
            Core = core;
            Settings = settings;
        }

        /// <summary>The devices, client, cache, events and metrics.</summary>
        public GatewayCore Core { get; }

        /// <summary>The CoRE Resource Directory (--rd-listen), or null.</summary>
        public ResourceDirectoryService? Rd { get; private init; }

        /// <summary>Multicast discovery (--discover), or null.</summary>
        public MulticastDiscovery? Discovery { get; private init; }

        /// <summary>The MQTT bridge (--mqtt), or null.</summary>
        public MqttBridge? Mqtt { get; private init; }

        /// <summary>What it was built from.</summary>
        public GatewaySettings Settings { get; }

        /// <summary>The addresses Kestrel listens on, once started (a port 0 replaced by the one bound).</summary>
        public IReadOnlyList<string> Addresses =>
            _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? new List<string>();

        /// <summary>The first address, as a base URI for HTTP clients.</summary>
        public Uri BaseAddress => new Uri(Addresses.First().Replace("://[::]", "://[::1]", StringComparison.Ordinal).Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal));

        /// <summary>Builds the gateway for <paramref name="settings"/>; <paramref name="logLevel"/> for ASP.NET Core's own log.</summary>
        public static GatewayApp Create(GatewaySettings settings, LogLevel logLevel = LogLevel.Warning)
        {
            ArgumentNullException.ThrowIfNull(settings);
            string webRoot = settings.WebRoot ?? Path.Combine(AppContext.BaseDirectory, "wwwroot");
            WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
            {
                ContentRootPath = AppContext.BaseDirectory,
                ApplicationName = typeof(GatewayApp).Assembly.GetName().Name,
            });
            builder.WebHost.UseUrls(settings.Urls);
            builder.Logging.ClearProviders();
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            builder.Logging.SetMinimumLevel(logLevel);

            // A start that fails (a port in use) is reported by the runner in one line, not as a stack trace.
            builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.Critical);
            builder.Services.ConfigureHttpJsonOptions(o => GatewayJson.Configure(o.SerializerOptions));

            WebApplication app = builder.Build();
            ILogger log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ThermoDev.Gateway");
            int dynamicDevices = (settings.RdListen != null ? settings.RdCapacity : 0) + (settings.Discover != null ? GatewaySettings.DiscoveryCapacity : 0);
            GatewayCore core;
            try
            {
                core = new GatewayCore(settings.Devices, settings.ReadOnly, settings.CoapTimeout, settings.StatusInterval, settings.StatusRecheckInterval, dynamicDevices, log, settings.Oscore);
            }
            catch
            {
                ((IDisposable)app).Dispose();
                throw;
            }

            ResourceDirectoryService? directory = null;
            MulticastDiscovery? discovery = null;
            try
            {
                if (settings.RdListen != null)
                {
                    var registered = new RegisteredDevices(log);
                    registered.Attach(core);
                    directory = new ResourceDirectoryService(settings.RdListen, settings.RdCapacity, registered, new LinkFetcher(core.Client), log);
                }

                if (settings.Discover != null)
                {
                    discovery = new MulticastDiscovery(core, settings.Discover, settings.DiscoverInterval, settings.CoapTimeout, log);
                }
            }
            catch
            {
                directory?.Dispose();
                core.Dispose();
                ((IDisposable)app).Dispose();
                throw;
            }

            // Every response, page to /hc: a browser takes Content-Type as given, never sniffs (a device's
            // payload relayed through /hc as application/octet-stream must stay data, not become a page).
            app.Use((context, next) =>
            {
                context.Response.Headers.XContentTypeOptions = "nosniff";
                return next(context);
            });

            if (Directory.Exists(webRoot))
            {
                var files = new PhysicalFileProvider(webRoot);
                app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
                app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
            }

            DeviceEndpoints.Map(app, core.Devices);
            TemperatureEndpoints.Map(app, core);
            new HcProxy(core).Map(app);
            app.MapGet("/events", (HttpContext context) =>
                EventStream.Serve(context, core.Events, settings.SsePingInterval, app.Lifetime.ApplicationStopping));
            app.MapMetrics("/metrics", core.Metrics.Registry);
            MqttBridge? mqtt = settings.Mqtt != null ? new MqttBridge(core, settings.Mqtt, log) : null;
            return new GatewayApp(app, core, settings) { Rd = directory, Discovery = discovery, Mqtt = mqtt };
        }

        /// <summary>Starts observing the devices and serving HTTP.</summary>
        public async Task StartAsync(CancellationToken cancellation = default)
        {
            Core.Start();
            Rd?.Start();
            Discovery?.Start();
            Mqtt?.Start();
            await _app.StartAsync(cancellation).ConfigureAwait(false);
        }

        /// <summary>Completes when the application is asked to stop (Ctrl+C, SIGTERM).</summary>
        public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

        /// <summary>Stops HTTP (SSE streams end), deregisters from the devices and closes the socket.</summary>
        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _app.StopAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Kestrel gave up waiting for open connections; they are closed below.
            }
            finally
            {
                await _app.DisposeAsync().ConfigureAwait(false);
                if (Mqtt != null)
                {
                    await Mqtt.DisposeAsync().ConfigureAwait(false);
                }

                Discovery?.Dispose();
                Rd?.Dispose();
                Core.Dispose();
            }
        }
    }
}
