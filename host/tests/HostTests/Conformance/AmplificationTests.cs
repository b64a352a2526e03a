using System;
using System.Linq;
using System.Reflection;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Support;

namespace ThermoDev.HostTests.Conformance
{
    /// <summary>
    /// Amplification (RFC 7252 §11.3) over every conformance exchange: each test description runs again
    /// here and every answer the server gives is measured, on the wire (28 bytes of IPv4 and UDP headers
    /// each way). The largest ratio for a request that did not ask for a block size must be at most 3.
    /// </summary>
    [TestClass]
    public class AmplificationTests
    {
        public TestContext TestContext { get; set; }

        [TestMethod]
        public void EveryConformanceAnswerIsAtMostThreeTimesItsRequest()
        {
            var total = new AmplificationMeter();
            int descriptions = 0;
            foreach (Type type in typeof(PlugtestTestBase).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(PlugtestTestBase)) && !t.IsAbstract))
            {
                foreach (MethodInfo method in type.GetMethods().Where(m => m.GetCustomAttribute<TestMethodAttribute>() != null))
                {
                    var test = (PlugtestTestBase)Activator.CreateInstance(type);
                    test.StartServer();
                    method.Invoke(test, null);
                    test.CheckAmplification();
                    total.Add(test.Measured);
                    descriptions++;
                }
            }

            TestContext.WriteLine($"{descriptions} test descriptions, {total}; the largest: {total.Worst}");
            Assert.IsGreaterThanOrEqualTo(45, descriptions);
            Assert.IsGreaterThan(200L, total.Exchanges);
            Assert.AreEqual(0, total.OverLimit);
            Assert.IsLessThanOrEqualTo(AmplificationMeter.Limit, total.MaxRatio, total.Worst);
        }
    }
}
