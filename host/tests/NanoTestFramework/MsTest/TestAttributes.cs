// The nanoFramework.TestFramework attributes, mapped onto MSTest so that test sources written for
// the nanoFramework runner are discovered and run by MSTest unchanged (host build only).
using System;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using MsTest = Microsoft.VisualStudio.TestTools.UnitTesting;

namespace nanoFramework.TestFramework
{
    /// <summary>Marks a class holding tests.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
    public sealed class TestClassAttribute : MsTest.TestClassAttribute
    {
    }

    /// <summary>Marks a test. Runs the class's [Setup] before its first test and [Cleanup] after its last.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public sealed class TestMethodAttribute : MsTest.TestMethodAttribute
    {
        /// <summary>Creates the attribute; the caller info lets MSTest point at the source line.</summary>
        public TestMethodAttribute([CallerFilePath] string callerFilePath = "", [CallerLineNumber] int callerLineNumber = -1)
            : base(callerFilePath, callerLineNumber)
        {
        }

        /// <inheritdoc/>
        public override async Task<MsTest.TestResult[]> ExecuteAsync(MsTest.ITestMethod testMethod)
        {
            Type testClass = testMethod.MethodInfo.DeclaringType;
            Exception setupFailure = ClassLifecycle.Shared.BeforeTest(testClass);
            MsTest.TestResult[] results = setupFailure == null
                ? await base.ExecuteAsync(testMethod)
                : new[] { TestOutcomes.FromSetupFailure(setupFailure) };

            TestOutcomes.MapSkips(results);
            Exception cleanupFailure = ClassLifecycle.Shared.AfterTest(testClass);
            if (cleanupFailure != null)
            {
                TestOutcomes.AddCleanupFailure(results, cleanupFailure);
            }

            return results;
        }
    }

    /// <summary>Marks a method run once before the class's tests.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public sealed class SetupAttribute : Attribute
    {
    }

    /// <summary>Marks a method run once after the class's tests.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public sealed class CleanupAttribute : Attribute
    {
    }

    /// <summary>Supplies one set of arguments to a test method; each row is its own test.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
    public sealed class DataRowAttribute : MsTest.DataRowAttribute
    {
        /// <summary>Creates a row from the method's arguments.</summary>
        public DataRowAttribute(params object[] methodParameters)
            : base(methodParameters)
        {
            MethodParameters = methodParameters;
        }

        /// <summary>The arguments passed to the test method.</summary>
        public object[] MethodParameters { get; }
    }
}
