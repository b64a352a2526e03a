using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;

namespace ThermoDev.HostTests.ApiCheck
{
    /// <summary>
    /// The string table the nanoFramework MetadataProcessor builds for an assembly (.dll to .pe), computed from the
    /// assembly's metadata. Its entries are addressed by 16-bit byte offsets, so the table holds at most 65,535 bytes;
    /// above that the MetadataProcessor stops with "String table overflow".
    /// </summary>
    /// <remarks>
    /// What is modelled, from the nanoframework/metadata-processor repository (MetadataProcessor.Shared):
    /// - Each distinct string (ordinal comparison) is stored once, as UTF-8 with a 0 terminator, and the table always
    ///   starts with the empty string (Tables/nanoStringTable.cs: GetOrCreateStringId and its constructor).
    /// - A string found in nanoCLR's built-in table (<see cref="NanoClrBuiltInStrings"/>) is not stored: it gets the
    ///   built-in index (nanoStringTable.GetOrCreateStringId with Utility/nanoStringsConstants.cs). This holds for
    ///   names and for literals (Mono.Cecil/CodeWriter.cs asks with the built-in table enabled).
    /// - Stored: assembly reference names (Tables/nanoAssemblyReferenceTable.cs); namespace and name of every type
    ///   reference (Tables/nanoTypeReferenceTable.cs); names of member references (Tables/nanoTablesContext.cs keeps
    ///   those declared on a referenced type, a primitive, or a generic type; all are counted here, the larger count);
    ///   namespace and name of every type definition except &lt;Module&gt; (nanoTablesContext.GetOrderedTypes,
    ///   Tables/nanoTypeDefinitionTable.cs); names of fields that have no constant value (nanoTablesContext builds the
    ///   field table from fields without a constant; nanoFieldDefinitionTable.cs); names of all methods
    ///   (nanoMethodDefinitionTable.cs); string literals, the ldstr operands (CodeWriter.PreProcessMethod and
    ///   nanoAssemblyBuilder.BuildDependencyList); the assembly's own name (nanoAssemblyBuilder.GetTables,
    ///   nanoAssemblyDefinition.cs); embedded resource file names with the extension .nanoresources
    ///   (Tables/nanoResourceFileTable.cs); and from custom attributes on types, fields and methods whose type is not
    ///   in the ignored list (nanoTablesContext.IgnoringAttributes and its default excluded class names): string
    ///   arguments (also inside a params object[] argument), named argument names, and the full name of a Type
    ///   argument (Tables/nanoSignaturesTable.cs, GetSignature(CustomAttribute)).
    /// - Not stored: parameter names, local names, property and event names, and attributes on the assembly, on
    ///   parameters and on properties (no table writes them).
    /// - Which pass: the MetadataProcessor builds the assembly, removes what nothing uses (nanoAssemblyBuilder.Minimize,
    ///   which rebuilds the string table in nanoStringTable.RemoveUnusedItems) and builds it again; the second pass's
    ///   table is the one written, and the largest. Counted here: everything above, which is that table plus the names
    ///   of type references the removal drops (types that only assembly-level or ignored attributes use): a few
    ///   hundred bytes more than the MetadataProcessor stores, never less.
    /// - Checked: the MetadataProcessor's own table code, run on every API-checked assembly and on the test
    ///   assemblies as separate Coap.Micro and ThermoDev.Core tests, stored no string this count misses, and from
    ///   50 to 412 bytes fewer; it overflowed on both test assemblies this count puts above 65,535.
    /// </remarks>
    public sealed class NanoStringTable
    {
        /// <summary>The most bytes a table can hold: offsets are 16 bits.</summary>
        public const int MaxBytes = ushort.MaxValue;

        /// <summary>Who caused a string to be stored first: references to other assemblies, or a top-level type.</summary>
        public const string References = "(references to other assemblies)";

        private const string AssemblyItself = "(the assembly's own name and resources)";

        // nanoTablesContext.IgnoringAttributes plus the class names it excludes by default (see the remarks).
        private static readonly HashSet<string> IgnoredAttributes = new HashSet<string>(StringComparer.Ordinal)
        {
            "System.Reflection.AssemblyFileVersionAttribute", "System.Runtime.InteropServices.ComVisibleAttribute",
            "System.Runtime.InteropServices.GuidAttribute", "System.ParamArrayAttribute", "System.SerializableAttribute",
            "System.NonSerializedAttribute", "System.Runtime.InteropServices.StructLayoutAttribute",
            "System.Runtime.InteropServices.LayoutKind", "System.Runtime.InteropServices.OutAttribute",
            "System.Runtime.CompilerServices.ExtensionAttribute", "System.Runtime.CompilerServices.MethodImplAttribute",
            "System.Runtime.CompilerServices.NullableAttribute", "System.Runtime.CompilerServices.NullableContextAttribute",
            "System.Runtime.CompilerServices.InternalsVisibleToAttribute", "System.Runtime.CompilerServices.IndexerNameAttribute",
            "System.Runtime.CompilerServices.MethodImplOptions", "System.Runtime.CompilerServices.RefSafetyRulesAttribute",
            "System.Reflection.FieldNoReflectionAttribute", "System.Diagnostics.DebuggableAttribute",
            "System.Diagnostics.DebuggerBrowsableAttribute", "System.Diagnostics.DebuggerBrowsableState",
            "System.Diagnostics.DebuggerHiddenAttribute", "System.Diagnostics.DebuggerNonUserCodeAttribute",
            "System.Diagnostics.DebuggerStepThroughAttribute", "System.Diagnostics.DebuggerDisplayAttribute",
            "System.AttributeUsageAttribute", "System.CLSCompliantAttribute", "System.FlagsAttribute", "System.ObsoleteAttribute",
            "System.Diagnostics.ConditionalAttribute", "System.ComponentModel.EditorBrowsableAttribute",
            "System.Reflection.DefaultMemberAttribute", "System.MTAThreadAttribute", "System.STAThreadAttribute",
            "ThisAssembly", "System.Runtime.CompilerServices.AccessedThroughPropertyAttribute",
        };

        /// <summary>One stored string: its text, its size in the table and what caused it to be stored first.</summary>
        public sealed record Entry(string Text, int Bytes, string Owner);

        private readonly Dictionary<string, Entry> _entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        private readonly List<Entry> _inOrder = new List<Entry>();

        private NanoStringTable()
        {
        }

        /// <summary>The table's size in bytes (what the MetadataProcessor checks against <see cref="MaxBytes"/>).</summary>
        public int Bytes { get; private set; }

        /// <summary>The stored strings in the order they were added.</summary>
        public IReadOnlyList<Entry> Entries => _inOrder;

        public static NanoStringTable Read(string path) => Read(File.ReadAllBytes(path));

        public static NanoStringTable Read(byte[] image)
        {
            using var pe = new PEReader(ImmutableArray.Create(image));
            var md = pe.GetMetadataReader();
            var table = new NanoStringTable();

            table.Add(string.Empty, AssemblyItself);
            foreach (var handle in md.AssemblyReferences)
            {
                table.Add(md.GetString(md.GetAssemblyReference(handle).Name), References);
            }

            foreach (var handle in md.TypeReferences)
            {
                var type = md.GetTypeReference(handle);
                table.Add(md.GetString(type.Namespace), References);
                table.Add(md.GetString(type.Name), References);
            }

            foreach (var handle in md.MemberReferences)
            {
                table.Add(md.GetString(md.GetMemberReference(handle).Name), References);
            }

            foreach (var handle in md.TypeDefinitions)
            {
                var type = md.GetTypeDefinition(handle);
                if (md.GetString(type.Name) == "<Module>" && type.Namespace.IsNil)
                {
                    continue;
                }

                string owner = TopLevelName(md, handle);
                table.Add(md.GetString(type.Namespace), owner);
                table.Add(md.GetString(type.Name), owner);
                table.AddAttributeStrings(md, pe, type.GetCustomAttributes(), owner);

                foreach (var fieldHandle in type.GetFields())
                {
                    var field = md.GetFieldDefinition(fieldHandle);
                    if (field.GetDefaultValue().IsNil)
                    {
                        table.Add(md.GetString(field.Name), owner);
                        table.AddAttributeStrings(md, pe, field.GetCustomAttributes(), owner);
                    }
                }

                foreach (var methodHandle in type.GetMethods())
                {
                    var method = md.GetMethodDefinition(methodHandle);
                    table.Add(md.GetString(method.Name), owner);
                    table.AddAttributeStrings(md, pe, method.GetCustomAttributes(), owner);
                }

                foreach (var methodHandle in type.GetMethods())
                {
                    var method = md.GetMethodDefinition(methodHandle);
                    if (method.RelativeVirtualAddress == 0)
                    {
                        continue;
                    }

                    foreach (var instruction in IlInstructions.Decode(pe.GetMethodBody(method.RelativeVirtualAddress).GetILReader()))
                    {
                        if (instruction.OpCode == OpCodes.Ldstr)
                        {
                            table.Add(md.GetUserString(MetadataTokens.UserStringHandle(instruction.Operand & 0xFFFFFF)), owner);
                        }
                    }
                }
            }

            table.Add(md.GetString(md.GetAssemblyDefinition().Name), AssemblyItself);
            foreach (var handle in md.ManifestResources)
            {
                table.Add(Path.ChangeExtension(md.GetString(md.GetManifestResource(handle).Name), ".nanoresources"), AssemblyItself);
            }

            return table;
        }

        /// <summary>Bytes each owner (a top-level type, or the references) added first, biggest first.</summary>
        public IReadOnlyList<(string Owner, int Bytes)> Contributors() =>
            _inOrder.GroupBy(e => e.Owner)
                .Select(g => (g.Key, g.Sum(e => e.Bytes)))
                .OrderByDescending(c => c.Item2).ThenBy(c => c.Key, StringComparer.Ordinal)
                .ToList();

        /// <summary>Bytes per namespace of the owning types (the references and the assembly itself apart), biggest first.</summary>
        public IReadOnlyList<(string Namespace, int Bytes)> ByNamespace() =>
            _inOrder.GroupBy(e => e.Owner.StartsWith("(", StringComparison.Ordinal) || !e.Owner.Contains('.') ? e.Owner : e.Owner.Substring(0, e.Owner.LastIndexOf('.')))
                .Select(g => (g.Key, g.Sum(e => e.Bytes)))
                .OrderByDescending(c => c.Item2).ThenBy(c => c.Key, StringComparer.Ordinal)
                .ToList();

        private void Add(string text, string owner)
        {
            if (text == null || NanoClrBuiltInStrings.All.Contains(text) || _entries.ContainsKey(text))
            {
                return;
            }

            var entry = new Entry(text, Encoding.UTF8.GetByteCount(text) + 1, owner);
            _entries.Add(text, entry);
            _inOrder.Add(entry);
            Bytes += entry.Bytes;
        }

        private void AddAttributeStrings(MetadataReader md, PEReader pe, CustomAttributeHandleCollection attributes, string owner)
        {
            foreach (var handle in attributes)
            {
                var attribute = md.GetCustomAttribute(handle);
                if (IgnoredAttributes.Contains(AttributeTypeName(md, attribute)))
                {
                    continue;
                }

                var value = attribute.DecodeValue(ArgumentTypes.Instance);
                foreach (var argument in value.FixedArguments)
                {
                    AddArgument(argument, owner);
                }

                foreach (var argument in value.NamedArguments)
                {
                    Add(argument.Name, owner);
                    AddArgument(new CustomAttributeTypedArgument<string>(argument.Type, argument.Value), owner);
                }
            }
        }

        private void AddArgument(CustomAttributeTypedArgument<string> argument, string owner)
        {
            switch (argument.Value)
            {
                case string text when argument.Type == "System.String":
                    Add(text, owner);
                    break;
                case string serializedTypeName when argument.Type == "System.Type":
                    // Stored as the type's Mono.Cecil full name: no assembly part, nested types after '/'.
                    Add(serializedTypeName.Split(',')[0].Replace('+', '/'), owner);
                    break;
                case ImmutableArray<CustomAttributeTypedArgument<string>> elements:
                    foreach (var element in elements)
                    {
                        AddArgument(element, owner);
                    }

                    break;
            }
        }

        private static string AttributeTypeName(MetadataReader md, CustomAttribute attribute)
        {
            EntityHandle type = attribute.Constructor.Kind == HandleKind.MemberReference
                ? md.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent
                : md.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType();
            return TypeName(md, type);
        }

        private static string TypeName(MetadataReader md, EntityHandle handle)
        {
            switch (handle.Kind)
            {
                case HandleKind.TypeReference:
                    var reference = md.GetTypeReference((TypeReferenceHandle)handle);
                    string name = md.GetString(reference.Name);
                    if (reference.ResolutionScope.Kind == HandleKind.TypeReference)
                    {
                        return TypeName(md, reference.ResolutionScope) + "/" + name;
                    }

                    return reference.Namespace.IsNil ? name : md.GetString(reference.Namespace) + "." + name;
                case HandleKind.TypeDefinition:
                    var definition = md.GetTypeDefinition((TypeDefinitionHandle)handle);
                    string definitionName = md.GetString(definition.Name);
                    if (definition.IsNested)
                    {
                        return TypeName(md, definition.GetDeclaringType()) + "/" + definitionName;
                    }

                    return definition.Namespace.IsNil ? definitionName : md.GetString(definition.Namespace) + "." + definitionName;
                default:
                    return string.Empty;
            }
        }

        private static string TopLevelName(MetadataReader md, TypeDefinitionHandle handle)
        {
            var type = md.GetTypeDefinition(handle);
            while (type.IsNested)
            {
                handle = type.GetDeclaringType();
                type = md.GetTypeDefinition(handle);
            }

            return TypeName(md, handle);
        }

        /// <summary>Types as their full names, enough to tell strings, Type arguments and object arrays apart.</summary>
        private sealed class ArgumentTypes : ICustomAttributeTypeProvider<string>
        {
            public static readonly ArgumentTypes Instance = new ArgumentTypes();

            public string GetPrimitiveType(PrimitiveTypeCode typeCode) => "System." + typeCode;

            public string GetSystemType() => "System.Type";

            public string GetSZArrayType(string elementType) => elementType + "[]";

            public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => TypeName(reader, handle);

            public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => TypeName(reader, handle);

            public string GetTypeFromSerializedName(string name) => name.Split(',')[0].Replace('+', '/');

            // An enum argument: its size is all the decoder needs; 32 bits is what C# enums are unless declared otherwise.
            public PrimitiveTypeCode GetUnderlyingEnumType(string type) => PrimitiveTypeCode.Int32;

            public bool IsSystemType(string type) => type == "System.Type";
        }
    }
}
