using System;
using System.Linq;
using System.Reflection;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano = nanoFramework.TestFramework;

namespace ThermoDev.HostTests.Adapter
{
    /// <summary>The adapter's class lifecycle: [Setup] once before the first test, [Cleanup] once after the last.</summary>
    [TestClass]
    public class ClassLifecycleTests
    {
        // Sample classes for the lifecycle, deliberately not [TestClass]: MSTest must not run them itself.
#pragma warning disable MSTEST0030
        public class Sample
        {
            public static int SetupRuns;
            public static int CleanupRuns;

            [Nano.Setup]
            public void Setup() => SetupRuns++;

            [Nano.Cleanup]
            public void Cleanup() => CleanupRuns++;

            [Nano.TestMethod]
            public void One()
            {
            }

            [Nano.TestMethod]
            [Nano.DataRow(1)]
            [Nano.DataRow(2)]
            public void Rows(int x)
            {
            }
        }

        public class FailingSetup
        {
            [Nano.Setup]
            public void Setup() => throw new InvalidOperationException("no sensor");

            [Nano.TestMethod]
            public void One()
            {
            }
        }

#pragma warning restore MSTEST0030

        [TestMethod]
        public void SetupRunsOnceAndCleanupAfterTheLastTest()
        {
            Sample.SetupRuns = 0;
            Sample.CleanupRuns = 0;
            var lifecycle = new Nano.ClassLifecycle();
            Assert.AreEqual(3, Nano.ClassLifecycle.CountExpectedTests(typeof(Sample)));

            for (int test = 0; test < 3; test++)
            {
                Assert.IsNull(lifecycle.BeforeTest(typeof(Sample)));
                Assert.AreEqual(1, Sample.SetupRuns);
                Assert.AreEqual(0, Sample.CleanupRuns);
                Assert.IsNull(lifecycle.AfterTest(typeof(Sample)));
            }

            Assert.AreEqual(1, Sample.CleanupRuns);
            lifecycle.RunPendingCleanups();
            Assert.AreEqual(1, Sample.CleanupRuns);
        }

        [TestMethod]
        public void PendingCleanupRunsWhenNotAllTestsRan()
        {
            Sample.CleanupRuns = 0;
            var lifecycle = new Nano.ClassLifecycle();
            lifecycle.BeforeTest(typeof(Sample));
            lifecycle.AfterTest(typeof(Sample));
            Assert.AreEqual(0, Sample.CleanupRuns);
            lifecycle.RunPendingCleanups();
            Assert.AreEqual(1, Sample.CleanupRuns);
        }

        [TestMethod]
        public void SetupFailureIsReportedForEveryTestOfTheClass()
        {
            var lifecycle = new Nano.ClassLifecycle();
            Exception first = lifecycle.BeforeTest(typeof(FailingSetup));
            Assert.IsInstanceOfType<InvalidOperationException>(first);
            Assert.AreSame(first, lifecycle.BeforeTest(typeof(FailingSetup)));
        }

        [TestMethod]
        public void SkipsAreReportedAsInconclusive()
        {
            var results = new[]
            {
                new TestResult { Outcome = UnitTestOutcome.Failed, TestFailureException = new Exception("wrapped", new Nano.SkipTestException("no board")) },
                new TestResult { Outcome = UnitTestOutcome.Failed, TestFailureException = new Exception("real failure") },
            };
            Nano.TestOutcomes.MapSkips(results);
            Assert.AreEqual(UnitTestOutcome.Inconclusive, results[0].Outcome);
            Assert.AreEqual(UnitTestOutcome.Failed, results[1].Outcome);
        }

        /// <summary>
        /// nanoFramework invokes tests with a null instance, so test classes must keep no state in instance
        /// fields, and rows need [TestMethod] for MSTest to find them.
        /// </summary>
        [TestMethod]
        [DataRow("Coap.Micro.Tests")]
        [DataRow("Coap.Micro.Extensions.Tests")]
        [DataRow("ThermoDev.Core.Tests")]
        [DataRow("Coap.Micro.Client.Tests")]
        [DataRow("Coap.Micro.Oscore.Tests")]
        [DataRow("ThermoDev.ResourceDirectory.Tests")]
        public void UnitTestClassesFollowTheNanoFrameworkRunnerRules(string assembly)
        {
            // The MSTest runners of the five nanoFramework test projects (referenced by this project).
            Assembly tests = Assembly.Load(new AssemblyName(assembly));
            var testClasses = tests.GetTypes().Where(t => t.GetCustomAttribute<Nano.TestClassAttribute>() != null).ToList();
            Assert.IsGreaterThan(3, testClasses.Count);
            foreach (Type type in testClasses)
            {
                Assert.IsTrue(type.IsPublic, $"{type}: test classes must be public");
                var instanceFields = type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
                Assert.IsEmpty(instanceFields, $"{type} keeps instance state: {string.Join(", ", instanceFields.Select(f => f.Name))}");
                foreach (MethodInfo method in type.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    bool marked = method.IsDefined(typeof(Nano.TestMethodAttribute)) || method.IsDefined(typeof(Nano.SetupAttribute))
                        || method.IsDefined(typeof(Nano.CleanupAttribute)) || method.IsDefined(typeof(Nano.DataRowAttribute));
                    if (!marked)
                    {
                        continue;
                    }

                    Assert.IsTrue(method.IsPublic, $"{type}.{method.Name} must be public (the launcher uses GetMethods())");
                    Assert.AreEqual(typeof(void), method.ReturnType, $"{type}.{method.Name}");
                    if (method.IsDefined(typeof(Nano.DataRowAttribute)))
                    {
                        Assert.IsTrue(method.IsDefined(typeof(Nano.TestMethodAttribute)), $"{type}.{method.Name} has rows but no [TestMethod]");
                    }
                    else
                    {
                        Assert.IsEmpty(method.GetParameters(), $"{type}.{method.Name} takes parameters but has no rows");
                    }
                }
            }
        }
    }
}
