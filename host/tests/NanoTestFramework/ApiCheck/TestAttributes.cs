// Declarations of the nanoFramework.TestFramework attributes with the package's signatures, used only
// to compile the test sources against the nanoFramework mscorlib in the API check.
using System;

namespace nanoFramework.TestFramework
{
    /// <summary>Marks a class holding tests.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
    public class TestClassAttribute : Attribute
    {
    }

    /// <summary>Marks a test.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public class TestMethodAttribute : Attribute
    {
    }

    /// <summary>Marks a method run once before the class's tests.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public class SetupAttribute : Attribute
    {
    }

    /// <summary>Marks a method run once after the class's tests.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public class CleanupAttribute : Attribute
    {
    }

    /// <summary>Supplies one set of arguments to a test method.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
    public class DataRowAttribute : Attribute
    {
        /// <summary>Creates a row from the method's arguments.</summary>
        public DataRowAttribute(params object[] methodParameters)
        {
            MethodParameters = methodParameters;
        }

        /// <summary>The arguments passed to the test method.</summary>
        public object[] MethodParameters { get; }
    }
}
