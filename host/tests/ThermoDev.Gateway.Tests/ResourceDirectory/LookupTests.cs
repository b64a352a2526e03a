using System;
using System.Linq;
using System.Threading.Tasks;
using Coap.Micro;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.Gateway.Tests.Support;

namespace ThermoDev.Gateway.Tests.ResourceDirectory
{
    /// <summary>
    /// The directory's discovery (/.well-known/core, RFC 9176 §4.3) and lookup interfaces (§6): endpoint and
    /// resource lookup, filtered by ep, d, rt, href and endpoint attributes, with trailing '*', and paged
    /// with page and count. Three registrations on one gateway; nothing here changes them.
    /// </summary>
    [TestClass]
    public sealed class LookupTests
    {
        private static RdGateway? rd;

        private static RdGateway Rd => rd!;

        /// <summary>Registers kitchen (sector home, et thermometer), cellar (sector lab) and lamp (no temperature).</summary>
        [ClassInitialize]
        public static async Task RegisterAsync(TestContext context)
        {
            rd = await RdGateway.StartAsync();
            Assert.AreEqual("2.01", (await rd.RegisterAsync("</temp>;rt=\"temperature-c\";if=\"sensor core.s\",</status>;rt=\"thermodev.status\"", "ep=kitchen", "d=home", "et=thermometer", "base=coap://[2001:db8::1]")).CodeText);
            Assert.AreEqual("2.01", (await rd.RegisterAsync("</temp>;rt=\"temperature-c\"", "ep=cellar", "d=lab", "base=coap://192.0.2.7:61616")).CodeText);
            Assert.AreEqual("2.01", (await rd.RegisterAsync("</light>;rt=\"light-lux\",<http://example.com/lamp>;anchor=\"/light\";rel=\"describedby\"", "ep=lamp", "d=home", "base=coap://[2001:db8::3]")).CodeText);
        }

        /// <summary>Stops the gateway.</summary>
        [ClassCleanup]
        public static async Task StopAsync()
        {
            if (rd != null)
            {
                await rd.DisposeAsync();
            }
        }

        /// <summary>§4.3: /.well-known/core lists the registration interface and both lookups, filterable by rt.</summary>
        [TestMethod]
        public async Task DiscoveryListsTheInterfaces()
        {
            string all = await Rd.LookupAsync("/.well-known/core");
            StringAssert.Contains(all, "</rd>;rt=\"core.rd\"");
            StringAssert.Contains(all, "</rd-lookup/ep>;rt=\"core.rd-lookup-ep\"");
            StringAssert.Contains(all, "</rd-lookup/res>;rt=\"core.rd-lookup-res\"");
            Assert.IsFalse(all.Contains("</rd/0>", StringComparison.Ordinal), "registration resources are not listed");
            Assert.AreEqual("</rd>;rt=\"core.rd\";ct=40", await Rd.LookupAsync("/.well-known/core", "rt=core.rd"));
        }

        /// <summary>§6.4: one link per endpoint with base, ep, d, its attributes and rt="core.rd-ep"; filters by ep, d and wildcards.</summary>
        [TestMethod]
        public async Task EndpointLookupFilters()
        {
            string all = await Rd.LookupAsync("/rd-lookup/ep");
            Assert.AreEqual(3, Links(all).Length, all);
            string kitchen = await Rd.LookupAsync("/rd-lookup/ep", "ep=kitchen");
            StringAssert.Matches(kitchen, new System.Text.RegularExpressions.Regex("^</rd/[0-9]+>;base=\"coap://\\[2001:db8::1\\]\";ep=\"kitchen\";d=\"home\";et=\"thermometer\";rt=\"core.rd-ep\"$"));
            CollectionAssert.AreEquivalent(new[] { "kitchen", "lamp" }, Endpoints(await Rd.LookupAsync("/rd-lookup/ep", "d=home")));
            CollectionAssert.AreEquivalent(new[] { "kitchen" }, Endpoints(await Rd.LookupAsync("/rd-lookup/ep", "d=home", "et=thermo*")));
            CollectionAssert.AreEquivalent(new[] { "cellar" }, Endpoints(await Rd.LookupAsync("/rd-lookup/ep", "ep=c*")));

            // An endpoint matches through its resources too (§6.2).
            CollectionAssert.AreEquivalent(new[] { "kitchen", "cellar" }, Endpoints(await Rd.LookupAsync("/rd-lookup/ep", "rt=temperature-c")));
            Assert.AreEqual(string.Empty, await Rd.LookupAsync("/rd-lookup/ep", "ep=attic"));
        }

        /// <summary>§6.1: links resolved against the base, with the base as anchor; filters by rt, if (any of its values), href, and endpoint attributes.</summary>
        [TestMethod]
        public async Task ResourceLookupResolvesAndFilters()
        {
            string temperatures = await Rd.LookupAsync("/rd-lookup/res", "rt=temperature-c");
            CollectionAssert.AreEquivalent(
                new[] { "<coap://[2001:db8::1]/temp>;rt=\"temperature-c\";if=\"sensor core.s\";anchor=\"coap://[2001:db8::1]\"", "<coap://192.0.2.7:61616/temp>;rt=\"temperature-c\";anchor=\"coap://192.0.2.7:61616\"" },
                Links(temperatures));
            Assert.AreEqual(1, Links(await Rd.LookupAsync("/rd-lookup/res", "if=core.s")).Length, "a link-type attribute matches any of its values");
            Assert.AreEqual("<coap://192.0.2.7:61616/temp>;rt=\"temperature-c\";anchor=\"coap://192.0.2.7:61616\"", await Rd.LookupAsync("/rd-lookup/res", "href=coap://192.0.2.7:61616/temp"));
            Assert.AreEqual(2, Links(await Rd.LookupAsync("/rd-lookup/res", "href=coap://[2001:db8::1]*")).Length);

            // By the endpoint's attributes; an anchor given relative is resolved too.
            string lamp = await Rd.LookupAsync("/rd-lookup/res", "ep=lamp");
            CollectionAssert.AreEquivalent(
                new[] { "<coap://[2001:db8::3]/light>;rt=\"light-lux\";anchor=\"coap://[2001:db8::3]\"", "<http://example.com/lamp>;rel=\"describedby\";anchor=\"coap://[2001:db8::3]/light\"" },
                Links(lamp));
            Assert.AreEqual(4, Links(await Rd.LookupAsync("/rd-lookup/res", "d=home")).Length, "kitchen's two links and lamp's two");
            Assert.AreEqual(string.Empty, await Rd.LookupAsync("/rd-lookup/res", "d=home", "rt=nothing"));
        }

        /// <summary>§6.2: count links from page * count; page without count, or not a number, is 4.00.</summary>
        [TestMethod]
        public async Task PageAndCount()
        {
            string[] all = Links(await Rd.LookupAsync("/rd-lookup/res"));
            Assert.AreEqual(5, all.Length);
            CollectionAssert.AreEqual(all.Take(2).ToArray(), Links(await Rd.LookupAsync("/rd-lookup/res", "count=2")));
            CollectionAssert.AreEqual(all.Skip(2).Take(2).ToArray(), Links(await Rd.LookupAsync("/rd-lookup/res", "page=1", "count=2")));
            CollectionAssert.AreEqual(all.Skip(4).ToArray(), Links(await Rd.LookupAsync("/rd-lookup/res", "page=2", "count=2")));
            Assert.AreEqual(string.Empty, await Rd.LookupAsync("/rd-lookup/ep", "page=9", "count=2"));
            Assert.AreEqual("4.00", (await Rd.SendAsync(CoapCode.Get, "/rd-lookup/ep", "page=1")).CodeText);
            Assert.AreEqual("4.00", (await Rd.SendAsync(CoapCode.Get, "/rd-lookup/ep", "count=two")).CodeText);
        }

        // The links of a document: split at the commas between links (none of these values holds ",<").
        private static string[] Links(string document) =>
            document.Length == 0 ? Array.Empty<string>() : ("," + document).Split(",<", StringSplitOptions.RemoveEmptyEntries).Select(l => "<" + l).ToArray();

        private static string[] Endpoints(string document) =>
            Links(document).Select(l => System.Text.RegularExpressions.Regex.Match(l, "ep=\"([^\"]*)\"").Groups[1].Value).ToArray();
    }
}
