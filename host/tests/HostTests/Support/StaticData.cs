using System;
using System.Linq;
using System.Runtime.CompilerServices;
using Coap.Micro;
using ThermoDev.HostTests.Conformance.Resources;

namespace ThermoDev.HostTests.Support
{
    /// <summary>
    /// Runs the static constructors of Coap.Micro, ThermoDev.Core and the plugtest resources: their
    /// <c>static readonly byte[]</c> texts are made once, at start-up by design, but .NET makes them on first
    /// use, which a test counting allocations "after warm-up" would otherwise see the first time a rare
    /// path runs (a discovery filter, say).
    /// </summary>
    public static class StaticData
    {
        public static void Initialize()
        {
            foreach (Type type in new[] { typeof(CoapServer), typeof(ThermoDev.ThermoDevServer), typeof(TestResource) }.SelectMany(t => t.Assembly.GetTypes()))
            {
                if (!type.ContainsGenericParameters)
                {
                    RuntimeHelpers.RunClassConstructor(type.TypeHandle);
                }
            }
        }
    }
}
