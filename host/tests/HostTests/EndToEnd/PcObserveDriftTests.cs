using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ThermoDev.HostTests.EndToEnd
{
    /// <summary>A drifting simulated sensor observed with libcoap: every change reaches the observer, and each is logged.</summary>
    [TestClass]
    public class PcObserveDriftTests
    {
        [TestMethod]
        [Timeout(60_000, CooperativeCancellation = true)]
        public void EveryDriftedValueIsNotifiedAndLogged()
        {
            using var pc = ThermoDevPc.Start("127.0.0.1", "--drift", "0.5", "--seed", "42", "--interval", "100");
            List<decimal> seen;
            using (var observer = pc.Observe("temp", 20))
            {
                seen = observer.WaitForLines(line => line.Length > 0, 8, TimeSpan.FromSeconds(10)).Select(Parse).ToList();
                Assert.IsTrue(seen.Count >= 8, "values seen: " + string.Join(" ", observer.Output) + " " + string.Join(" ", observer.Errors));
            }

            // Each notification carries a value a few readings' drift (0.5 °C each, plus rounding to
            // tenths) from the one before: the loop sends the newest state, so readings that came while
            // it was busy (a loaded CI machine) are skipped, never invented.
            for (int i = 1; i < seen.Count; i++)
            {
                Assert.IsTrue(Math.Abs(seen[i] - seen[i - 1]) <= 2.6m, $"step {seen[i - 1]} -> {seen[i]}");
            }

            Assert.IsTrue(seen.Distinct().Count() >= 3, "the value did not drift: " + string.Join(" ", seen));

            // The server logged the registration and then each notification the observer printed.
            var registration = new Regex(@"^(127\.0\.0\.1:\d+) CON GET /temp Observe 0 -> 2\.05 Observe \d+ (-?\d+\.\d)$");
            Match registered = pc.Process.Output.Select(line => registration.Match(line)).FirstOrDefault(m => m.Success);
            Assert.IsNotNull(registered, string.Join("\n", pc.Process.Output));
            Assert.AreEqual(seen[0], Parse(registered.Groups[2].Value));
            var notification = new Regex("^" + Regex.Escape(registered.Groups[1].Value) + @" <- (NON|CON) 2\.05 Observe \d+ (-?\d+\.\d)$");
            IReadOnlyList<string> logged = pc.Process.WaitForLines(notification.IsMatch, seen.Count - 1, TimeSpan.FromSeconds(10));
            CollectionAssert.AreEqual(
                seen.Skip(1).ToList(),
                logged.Take(seen.Count - 1).Select(line => Parse(notification.Match(line).Groups[2].Value)).ToList(),
                string.Join("\n", pc.Process.Output));
        }

        private static decimal Parse(string text) => decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
    }
}
