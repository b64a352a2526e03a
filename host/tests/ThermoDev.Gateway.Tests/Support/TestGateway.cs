using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Gateway.Api;
using ThermoDev.Gateway.Devices;

namespace ThermoDev.Gateway.Tests.Support
{
    /// <summary>
    /// A gateway in the test's process on http://127.0.0.1 and a free port, with an HttpClient for it.
    /// Dispose stops it (deregistering from its devices) and closes its ports.
    /// </summary>
    public sealed class TestGateway : IAsyncDisposable
    {
        private TestGateway(GatewayApp app)
        {
            App = app;
            Http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        }

        /// <summary>The gateway.</summary>
        public GatewayApp App { get; }

        /// <summary>A client for it.</summary>
        public HttpClient Http { get; }

        /// <summary>Starts a gateway for the devices given as name=coap-uri, with <paramref name="configure"/>'s changes to the settings.</summary>
        public static async Task<TestGateway> StartAsync(IEnumerable<string> devices, Func<GatewaySettings, GatewaySettings>? configure = null)
        {
            var addresses = devices.Select(text => DeviceAddress.TryParse(text, out DeviceAddress? address, out string error)
                ? address!
                : throw new ArgumentException(error)).ToList();
            var settings = new GatewaySettings { Devices = addresses, Urls = "http://127.0.0.1:0" };
            GatewayApp app = GatewayApp.Create(configure == null ? settings : configure(settings));
            try
            {
                await app.StartAsync();
            }
            catch
            {
                await app.DisposeAsync();
                throw;
            }

            return new TestGateway(app);
        }

        /// <summary>GET /api/devices/{name} as JSON.</summary>
        public async Task<JsonElement> DeviceAsync(string name) =>
            await Http.GetFromJsonAsync<JsonElement>("/api/devices/" + name, GatewayJson.Options);

        /// <summary>
        /// Waits (up to <paramref name="timeout"/>) until the device's status is <paramref name="status"/>; its JSON then.
        /// For online, also until the gateway's first /status poll of it has ended, so that requests counted
        /// at the device afterwards are the test's own.
        /// </summary>
        public async Task<JsonElement> WaitForStatusAsync(string name, string status, TimeSpan timeout)
        {
            JsonElement device = default;
            bool reached = await Eventually.TrueAsync(async () =>
            {
                device = await DeviceAsync(name);
                return device.GetProperty("status").GetString() == status
                    && (status != "online" || App.Core.Devices.Find(name)!.PolledStatus.Polls > 0);
            }, timeout);
            Assert.IsTrue(reached, $"device {name} did not become {status} within {timeout.TotalSeconds} s: {device}");
            return device;
        }

        /// <summary>Stops the gateway.</summary>
        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await App.DisposeAsync();
        }
    }
}
