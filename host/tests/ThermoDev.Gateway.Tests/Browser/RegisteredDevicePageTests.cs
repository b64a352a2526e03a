using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Coap.Micro;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using ThermoDev.Gateway.Devices;
using ThermoDev.Gateway.Tests.Support;

namespace ThermoDev.Gateway.Tests.Browser
{
    /// <summary>
    /// The page of a gateway that starts without devices and serves a Resource Directory: a device that
    /// registers gets its card while the page is open, online; removed, the card says it is gone (its
    /// own word and a dashed ring) and offers no form.
    /// </summary>
    [TestClass]
    public sealed class RegisteredDevicePageTests
    {
        private const string Name = "porch";
        private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

        /// <summary>No devices, then a card online on registration, then gone on removal.</summary>
        [TestMethod]
        public async Task ACardComesWithTheRegistrationAndSaysWhenItIsGone()
        {
            _ = Chromium.Browser;
            _ = Chromium.Driver;
            using InProcessDevice device = InProcessDevice.Start();
            await using GatewayApp gateway = GatewayApp.Create(new GatewaySettings
            {
                Devices = Array.Empty<DeviceAddress>(),
                Urls = "http://127.0.0.1:0",
                WebRoot = PageGateway.WebRoot,
                RdListen = new IPEndPoint(IPAddress.Loopback, 0),
            });
            await gateway.StartAsync();
            using var peer = new RawCoapPeer(new IPEndPoint(IPAddress.Loopback, 0));
            var rd = new IPEndPoint(IPAddress.Loopback, gateway.Rd!.LocalEndPoint.Port);
            using ChromeDriver driver = Chromium.Start(1024, 800);
            try
            {
                var page = new GatewayPage(driver, Wait);
                page.Open(gateway.BaseAddress);
                page.WaitUntil(() => page.Connection == "Live", "the events connected");
                StringAssert.Contains(driver.FindElement(By.Id("notice")).Text, "no devices yet");

                RawMessage? created = await peer.RequestAsync(rd, CoapCode.Post, "/rd",
                    new[] { "ep=" + Name, "base=coap://[::1]:" + device.Port.ToString(CultureInfo.InvariantCulture) }, "</temp>;rt=\"temperature-c\"", CoapContentFormat.LinkFormat);
                Assert.AreEqual("2.01", created?.CodeText);
                page.WaitUntil(() => page.DeviceNames.Contains(Name) && page.Status(Name) == "online", "the registered device's card, online");
                Assert.IsFalse(driver.FindElement(By.Id("notice")).Displayed, "the notice goes with the first card");
                Assert.AreEqual("25.0", page.Value(Name));
                Assert.IsTrue(page.HasForm(Name));

                Assert.AreEqual("2.02", (await peer.RequestAsync(rd, CoapCode.Delete, created!.Location))?.CodeText);
                page.WaitUntil(() => page.Status(Name) == "gone", "gone once the registration is removed");
                Assert.AreEqual("Gone (registration ended)", page.StatusText(Name));
                Assert.AreEqual("shape-offline shape-offline-mark", page.StatusShape(Name));
                Assert.IsFalse(page.HasForm(Name), "a gone device takes no writes");
            }
            finally
            {
                driver.Quit();
            }
        }
    }
}
