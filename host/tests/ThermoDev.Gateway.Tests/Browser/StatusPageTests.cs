using System;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using OpenQA.Selenium.Chrome;
using ThermoDev.Gateway.Tests.Support;

namespace ThermoDev.Gateway.Tests.Browser
{
    /// <summary>
    /// A device's status on the page follows the device (a simulated one in the test's process, whose
    /// sensor can fail), each status with its own word and its own shape, never colour alone.
    /// </summary>
    [TestClass]
    public sealed class StatusPageTests
    {
        private const string Name = "cellar";
        private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

        /// <summary>Online (a ticked disc), sensor failed (a warning triangle), online again, then offline (a crossed ring) when the device stops.</summary>
        [TestMethod]
        public async Task EachStatusHasItsWordAndShape()
        {
            _ = Chromium.Browser;
            _ = Chromium.Driver;
            InProcessDevice device = InProcessDevice.Start(intervalMilliseconds: 200, maxAgeSeconds: 1);
            try
            {
                await using GatewayApp gateway = await PageGateway.StartAsync(
                    new[] { PageGateway.Device(Name, device.Uri) }, coapTimeout: TimeSpan.FromSeconds(1));
                using ChromeDriver driver = Chromium.Start(1024, 800);
                try
                {
                    var page = new GatewayPage(driver, Wait);
                    page.Open(gateway.BaseAddress);
                    page.WaitUntil(() => page.Status(Name) == "online", "online");
                    Assert.AreEqual("Online", page.StatusText(Name));
                    Assert.AreEqual("shape-online shape-online-mark", page.StatusShape(Name));
                    Assert.AreEqual("25.0", page.Value(Name));

                    device.Sensor.Failing = true;
                    page.WaitUntil(() => page.Status(Name) == "sensor-failed", "sensor-failed once the sensor fails");
                    Assert.AreEqual("Sensor failed", page.StatusText(Name));
                    Assert.AreEqual("shape-failed shape-failed-mark", page.StatusShape(Name));

                    device.Sensor.Failing = false;
                    page.WaitUntil(() => page.Status(Name) == "online", "online again once the sensor recovers");
                    Assert.AreEqual("shape-online shape-online-mark", page.StatusShape(Name));

                    device.Dispose();
                    page.WaitUntil(() => page.Status(Name) == "offline", "offline once the device stops");
                    Assert.AreEqual("Offline", page.StatusText(Name));
                    Assert.AreEqual("shape-offline shape-offline-mark", page.StatusShape(Name));
                    Assert.AreEqual("Live", page.Connection, "the gateway is still there");
                }
                finally
                {
                    driver.Quit();
                }
            }
            finally
            {
                device.Dispose();
            }
        }
    }
}
