using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.HostTests.Support;

namespace ThermoDev.HostTests.ApiCheck
{
    /// <summary>
    /// Every nanoFramework assembly's string table (names and string literals, see <see cref="NanoStringTable"/>) stays
    /// under 56 KB: the MetadataProcessor refuses an assembly whose table passes 64 KB ("String table overflow"), and
    /// the margin leaves room to grow. In a test assembly the text of every Assert call's checked argument is a
    /// literal too (nanoFramework.TestFramework fills its message with CallerArgumentExpression).
    /// </summary>
    [TestClass]
    public class StringTableTests
    {
        /// <summary>56 KB: the 64 KB the 16-bit string offsets allow, less room to grow.</summary>
        public const int LimitBytes = 56 * 1024;

        public TestContext TestContext { get; set; }

        [TestMethod]
        [DataRow("ApiCheck.Coap.Micro", "Coap.Micro.dll")]
        [DataRow("ApiCheck.Coap.Micro.Client", "Coap.Micro.Client.dll")]
        [DataRow("ApiCheck.Coap.Micro.Oscore", "Coap.Micro.Oscore.dll")]
        [DataRow("ApiCheck.ThermoDev.ResourceDirectory", "ThermoDev.ResourceDirectory.dll")]
        [DataRow("ApiCheck.ThermoDev.Core", "ThermoDev.Core.dll")]
        [DataRow("ApiCheck.Device", "ApiCheck.Device.dll")]
        [DataRow("ApiCheck.Coap.Micro.Tests", "NFUnitTest.dll")]
        [DataRow("ApiCheck.Coap.Micro.Extensions.Tests", "NFUnitTest.dll")]
        [DataRow("ApiCheck.ThermoDev.Core.Tests", "NFUnitTest.dll")]
        [DataRow("ApiCheck.Coap.Micro.Client.Tests", "NFUnitTest.dll")]
        [DataRow("ApiCheck.Coap.Micro.Oscore.Tests", "NFUnitTest.dll")]
        [DataRow("ApiCheck.ThermoDev.ResourceDirectory.Tests", "NFUnitTest.dll")]
        public void StringTableIsUnderTheLimit(string project, string assembly)
        {
            var table = NanoStringTable.Read(RepoPaths.ApiCheckOutput(project, assembly));
            TestContext.WriteLine($"{project}/{assembly}: string table {table.Bytes:N0} bytes ({table.Entries.Count:N0} strings), limit {LimitBytes:N0}");

            string overLimit = OverLimit($"{project}/{assembly}", table);
            Assert.IsTrue(overLimit == null, overLimit);
        }

        [TestMethod]
        public void TheTableCountsEachStoredStringOnceWithItsTerminator()
        {
            var compiled = NanoCompiler.Compile(
                "namespace Qz { public class Kx {" +
                " const int Cn = 3;" +
                " int fw;" +
                " public string Mv(int pname) { fw = pname + Cn; return \"rep\" + Mv2(); }" +
                " string Mv2() { return \"\u00e9t\u00e9\"; }" +
                " public string Name() { return fw > 0 ? \"rep\" : \"Mv\"; }" +
                " public override string ToString() { return \"ToString\"; } } }");
            Assert.IsTrue(compiled.Success, string.Join("; ", compiled.Errors));

            var table = NanoStringTable.Read(compiled.Image);

            // Stored: the leading empty string, the namespace, type, field and method names, the literals (a repeated
            // one and one equal to a method name once), the assembly's own name. Not stored: the constant field, the
            // parameter name, and names nanoCLR has built in (mscorlib, System, Object, .ctor, ToString, also as a
            // literal).
            CollectionAssert.AreEquivalent(
                new[] { "", "Qz", "Kx", "fw", "Mv", "Mv2", "Name", "rep", "\u00e9t\u00e9", "ApiCheckSample" },
                table.Entries.Select(e => e.Text).ToList());
            // 1 + 3 + 3 + 3 + 3 + 4 + 5 + 4 + 6 (two 2-byte UTF-8 characters) + 15
            Assert.AreEqual(47, table.Bytes);
        }

        [TestMethod]
        public void AnAssemblyWithMoreThan56KBOfLiteralsIsReportedOverTheLimit()
        {
            // 600 distinct 100-character literals: 60,600 bytes of table.
            var source = new StringBuilder("public class Big { public static int Count(string[] texts) { texts[0] = null; ");
            for (int i = 0; i < 600; i++)
            {
                source.Append("texts[").Append(i % 10).Append("] = \"").Append(i.ToString("D3")).Append('x', 97).Append("\"; ");
            }

            source.Append("return texts.Length; } }");
            var compiled = NanoCompiler.Compile(source.ToString());
            Assert.IsTrue(compiled.Success, string.Join("; ", compiled.Errors));

            var table = NanoStringTable.Read(compiled.Image);
            string overLimit = OverLimit("Big", table);

            Assert.IsGreaterThan(60_600, table.Bytes);
            Assert.IsNotNull(overLimit);
            StringAssert.Contains(overLimit, $"{table.Bytes:N0} bytes");
            StringAssert.Contains(overLimit, "Big ");
        }

        /// <summary>Null when the table is within <see cref="LimitBytes"/>; otherwise the figure, the limit and the 20 biggest contributors.</summary>
        private static string OverLimit(string name, NanoStringTable table)
        {
            if (table.Bytes <= LimitBytes)
            {
                return null;
            }

            var message = new StringBuilder()
                .Append($"{name}: the nanoFramework string table would hold {table.Bytes:N0} bytes, over the limit of {LimitBytes:N0} ")
                .Append($"(the MetadataProcessor refuses more than {NanoStringTable.MaxBytes:N0}). Biggest contributors (bytes they add):");
            foreach (var (owner, bytes) in table.Contributors().Take(20))
            {
                message.Append($"\n  {owner} {bytes:N0}");
            }

            return message.ToString();
        }
    }
}
