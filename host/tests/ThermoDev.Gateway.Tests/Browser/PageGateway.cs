using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Gateway.Devices;
using ThermoDev.Gateway.Tests.Support;

namespace ThermoDev.Gateway.Tests.Browser
{
    /// <summary>Gateways for the browser tests: in-process on a free port of 127.0.0.1, serving the page from its sources.</summary>
    public static class PageGateway
    {
        /// <summary>The page's folder in the repository (host/apps/ThermoDev.Gateway/wwwroot), so the page under test is the committed one.</summary>
        public static string WebRoot => Path.Combine(BuildOutputs.RepoRoot, "host", "apps", "ThermoDev.Gateway", "wwwroot");

        /// <summary>A device named <paramref name="name"/> at <paramref name="uri"/>.</summary>
        public static DeviceAddress Device(string name, string uri)
        {
            Assert.IsTrue(DeviceAddress.TryCreate(name, uri, out DeviceAddress? address, out string error), error);
            return address!;
        }

        /// <summary>
        /// Builds and starts a gateway for <paramref name="devices"/> on <paramref name="urls"/> (a free port of
        /// 127.0.0.1 unless given); read-only when <paramref name="readOnly"/>; waiting
        /// <paramref name="coapTimeout"/> (default 5 s) for a device's answer.
        /// </summary>
        public static async Task<GatewayApp> StartAsync(
            IReadOnlyList<DeviceAddress> devices, bool readOnly = false, string urls = "http://127.0.0.1:0", TimeSpan? coapTimeout = null)
        {
            GatewayApp gateway = GatewayApp.Create(new GatewaySettings
            {
                Devices = devices,
                Urls = urls,
                ReadOnly = readOnly,
                CoapTimeout = coapTimeout ?? new GatewaySettings().CoapTimeout,
                WebRoot = WebRoot,
            });
            try
            {
                await gateway.StartAsync();
            }
            catch
            {
                await gateway.DisposeAsync();
                throw;
            }

            return gateway;
        }
    }
}
