using System;
using Coap.Micro;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Sensors;
using ThermoDev.Text;

namespace ThermoDev.HostTests.Allocation
{
    /// <summary>Number text, SenML (written and read) and the simulated sensor run on every request: they must not allocate.</summary>
    [TestClass]
    public class CoreAllocationTests
    {
        private const int Iterations = 100_000;

        [TestMethod]
        public void NumberTextAllocatesNothing()
        {
            byte[] buffer = new byte[16];
            long sum = 0;
            Action loop = () =>
            {
                for (int i = 0; i < Iterations; i++)
                {
                    int written = DecimalText.FormatTenths(i - 4000, buffer, 0);
                    DecimalText.Parse(buffer, 0, written, out int centi);
                    sum += centi;
                }
            };

            Assert.AreEqual(0L, AllocatedBy(loop));
            Assert.AreNotEqual(0L, sum);
        }

        [TestMethod]
        public void SenmlAllocatesNothing()
        {
            byte[] name = { (byte)'t', (byte)'e', (byte)'m', (byte)'p' };
            byte[] unit = { (byte)'C', (byte)'e', (byte)'l' };
            byte[] buffer = new byte[64];
            long total = 0;
            Action loop = () =>
            {
                for (int i = 0; i < Iterations; i++)
                {
                    int length = SenmlWriter.WriteJson(name, unit, i - 4000, buffer, 0);
                    SenmlReader.ReadJson(buffer, 0, length, name, unit, out int fromJson);
                    JsonNumber.Parse(buffer, 27, length - 29, out int number);
                    total += length + fromJson + number;
                    length = SenmlWriter.WriteCbor(name, unit, i - 4000, buffer, 0);
                    SenmlReader.ReadCbor(buffer, 0, length, name, unit, out int fromCbor);
                    total += length + fromCbor;
                }
            };

            Assert.AreEqual(0L, AllocatedBy(loop));
            Assert.IsGreaterThan(0L, total);

            // Each reader reads back what the writer wrote (one decimal).
            int check = SenmlWriter.WriteJson(name, unit, 1234, buffer, 0);
            Assert.AreEqual(DecimalParseResult.Ok, SenmlReader.ReadJson(buffer, 0, check, name, unit, out int read));
            Assert.AreEqual(1230, read);
            Assert.AreEqual(DecimalParseResult.Ok, JsonNumber.Parse(buffer, 27, check - 29, out read));
            Assert.AreEqual(1230, read);
            check = SenmlWriter.WriteCbor(name, unit, 1234, buffer, 0);
            Assert.AreEqual(DecimalParseResult.Ok, SenmlReader.ReadCbor(buffer, 0, check, name, unit, out read));
            Assert.AreEqual(1230, read);
        }

        [TestMethod]
        public void SimulatedSensorAllocatesNothing()
        {
            var sensor = new SimulatedSensor(2500, 10, new CoapRandom(new Random(1)));
            long sum = 0;
            Action loop = () =>
            {
                for (int i = 0; i < Iterations; i++)
                {
                    if (i % 1000 == 0)
                    {
                        sensor.Set(2500);
                    }

                    sensor.TryRead(out int centi, out int pascals);
                    sum += centi + pascals;
                }
            };

            Assert.AreEqual(0L, AllocatedBy(loop));
            Assert.AreNotEqual(0L, sum);
        }

        /// <summary>Bytes allocated on this thread by <paramref name="action"/>, after one warm-up run.</summary>
        private static long AllocatedBy(Action action)
        {
            action();
            long before = GC.GetAllocatedBytesForCurrentThread();
            action();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
    }
}
