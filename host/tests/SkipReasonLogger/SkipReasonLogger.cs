using System;
using Microsoft.VisualStudio.TestPlatform.ObjectModel;
using Microsoft.VisualStudio.TestPlatform.ObjectModel.Client;

namespace ThermoDev.SkipReasons
{
    /// <summary>
    /// Prints a line per skipped test with its reason, at the console's default verbosity:
    /// <c>  Skipped NodeCoapGetsObservesAndPuts: needs node's coap package: npm ci --prefix ...</c>.
    /// </summary>
    [FriendlyName(FriendlyName)]
    [ExtensionUri(Uri)]
    public sealed class SkipReasonLogger : ITestLogger
    {
        /// <summary>The name <c>--logger</c> and VSTestLogger use.</summary>
        public const string FriendlyName = "skipreasons";

        /// <summary>The logger's identity for the test platform.</summary>
        public const string Uri = "logger://thermodev/skipreasons";

        private const string InconclusivePrefix = "Assert.Inconclusive failed. ";

        /// <inheritdoc/>
        public void Initialize(TestLoggerEvents events, string testRunDirectory)
        {
            ArgumentNullException.ThrowIfNull(events);
            events.TestResult += (_, e) =>
            {
                if (e.Result.Outcome == TestOutcome.Skipped)
                {
                    Console.WriteLine($"  Skipped {e.Result.DisplayName ?? e.Result.TestCase.DisplayName}: {Reason(e.Result.ErrorMessage)}");
                }
            };
        }

        // MSTest's message is "Assert.Inconclusive failed. <reason>" (or "Assert.Inconclusive. <reason>"); the reason is what matters.
        private static string Reason(string message)
        {
            if (string.IsNullOrWhiteSpace(message))
            {
                return "(no reason given)";
            }

            string text = message.Trim();
            foreach (string prefix in new[] { InconclusivePrefix, "Assert.Inconclusive. " })
            {
                if (text.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return text.Substring(prefix.Length);
                }
            }

            return text;
        }
    }
}
