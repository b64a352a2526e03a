using System;
using System.Threading.Tasks;

namespace ThermoDev.Gateway.Tests.Support
{
    /// <summary>
    /// One PC-build device at 25.0 °C without drift, named "kitchen" in an in-process gateway, started once for
    /// a test class whose tests do not write: started and online, or nothing left running.
    /// </summary>
    public sealed class KitchenGateway : IAsyncDisposable
    {
        private static readonly TimeSpan OnlineTimeout = TimeSpan.FromSeconds(10);

        private KitchenGateway(PcDevice device, TestGateway gateway)
        {
            Device = device;
            Gateway = gateway;
        }

        /// <summary>The device process.</summary>
        public PcDevice Device { get; }

        /// <summary>The gateway in front of it.</summary>
        public TestGateway Gateway { get; }

        /// <summary>Starts the device and the gateway and waits until the gateway reports the device online.</summary>
        public static async Task<KitchenGateway> StartAsync()
        {
            PcDevice device = PcDevice.Start();
            TestGateway? gateway = null;
            try
            {
                gateway = await TestGateway.StartAsync(new[] { "kitchen=" + device.Uri });
                await gateway.WaitForStatusAsync("kitchen", "online", OnlineTimeout);
                return new KitchenGateway(device, gateway);
            }
            catch
            {
                if (gateway != null)
                {
                    await gateway.DisposeAsync();
                }

                device.Dispose();
                throw;
            }
        }

        /// <summary>Stops the gateway, then the device.</summary>
        public async ValueTask DisposeAsync()
        {
            await Gateway.DisposeAsync();
            Device.Dispose();
        }
    }
}
